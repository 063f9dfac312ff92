// Each template rendered the way the worker renders it (lib/email/render-email.ts): the subject, the HTML and the
// plain-text part all carry the link and the facts the reader needs.
import { describe, expect, it } from "vitest";
import { renderEmail } from "../lib/email/render-email";
import CompanyPendingEmail from "./company-pending";
import CompanyRegisteredEmail from "./company-registered";
import CompanyStatusEmail from "./company-status";
import ContactConfirmationEmail from "./contact-confirmation";
import ContactMessageEmail from "./contact-message";
import EmailConfirmationEmail from "./email-confirmation";
import EmailChangeRequestedEmail from "./email-change-requested";
import EmailChangedEmail from "./email-changed";
import InvitationEmail from "./invitation";
import OrderStatusEmail from "./order-status";
import OrderSubmittedEmail from "./order-submitted";
import PasswordChangedEmail from "./password-changed";
import PasswordResetEmail from "./password-reset";
import PasswordResetNoAccountEmail from "./password-reset-no-account";
import LowStockEmail from "./low-stock";
import { EmailTemplateError, emailTemplates, prepareEmail, type EmailTemplateName } from "./registry";

describe("invitation", () => {
  const acceptUrl = "https://stockflow.example.com/invitations/accept?token=tok_9f8e7d";

  it("names the company, the inviter, the role and the expiry, and links to the acceptance page", async () => {
    const email = await renderEmail("invitation", {
      companyName: "Harbour Tools",
      inviterName: "Priya Natarajan",
      role: "Manager",
      acceptUrl,
      expiresAt: "2026-12-01T09:30:00.000Z",
    });
    expect(email.subject).toBe("Priya Natarajan invited you to Harbour Tools on StockFlow");
    expect(email.html).toContain(`href="${acceptUrl}"`);
    expect(email.text).toContain(acceptUrl);
    expect(email.text).toContain("Priya Natarajan invited you to join Harbour Tools on StockFlow as a Manager.");
    expect(email.text).toContain("1 Dec 2026, 09:30 UTC");
    expect(email.text).toContain("You received this email because Priya Natarajan invited this address");
  });

  it("says 'an Admin'", async () => {
    const email = await renderEmail("invitation", { ...InvitationEmail.PreviewProps, role: "Admin" });
    expect(email.text).toContain("as an Admin.");
  });
});

describe("password-reset", () => {
  it("links to the reset page and says how long the link lasts", async () => {
    const resetUrl = "https://stockflow.example.com/reset-password?token=tok_1a2b3c";
    const email = await renderEmail("password-reset", { name: "Jonas Berg", resetUrl, expiresInMinutes: 45 });
    expect(email.subject).toBe("Reset your StockFlow password");
    expect(email.html).toContain(`href="${resetUrl}"`);
    expect(email.text).toContain(resetUrl);
    expect(email.text).toContain("Hi Jonas Berg,");
    expect(email.text).toContain("expires in 45 minutes");
    expect(email.text).toContain("If you did not ask for this, ignore this email");
  });
});

describe("password-reset-no-account", () => {
  it("says no active account uses the address, with no link and nothing the requester typed", async () => {
    const email = await renderEmail("password-reset-no-account", { requestedAt: "2026-11-24T14:05:00.000Z" });
    expect(email.subject).toBe("About your StockFlow password reset request");
    expect(email.text).toContain("On 24 Nov 2026, 14:05 UTC someone asked to reset the StockFlow password");
    expect(email.text).toContain("no active account uses it");
    expect(email.html).not.toMatch(/href="https?:[^"]*reset/);
    expect(() =>
      prepareEmail("password-reset-no-account", { requestedAt: "2026-11-24T14:05:00.000Z", name: "x" }),
    ).toThrow(EmailTemplateError);
  });
});

describe("email-confirmation", () => {
  const confirmUrl = "https://stockflow.example.com/confirm-email/tok_1a2b3c";

  it("asks an account to confirm its own address, with the link and how long it lasts", async () => {
    const email = await renderEmail("email-confirmation", {
      name: "Jonas Berg",
      email: "jonas@example.com",
      change: false,
      confirmUrl,
      expiresInMinutes: 48 * 60,
    });
    expect(email.subject).toBe("Confirm your StockFlow email address");
    expect(email.html).toContain(`href="${confirmUrl}"`);
    expect(email.text).toContain(confirmUrl);
    expect(email.text).toContain("Confirm jonas@example.com to receive your company's notifications");
    expect(email.text).toContain("expires in 48 hours");
  });

  it("for a new address, says the current one stays in use until then", async () => {
    const email = await renderEmail("email-confirmation", {
      name: "Jonas Berg",
      email: "jonas.new@example.com",
      change: true,
      confirmUrl,
      expiresInMinutes: 24 * 60,
    });
    expect(email.subject).toBe("Confirm your new StockFlow email address");
    expect(email.text).toContain("Confirm jonas.new@example.com as your new StockFlow address");
    expect(email.text).toContain("keep using your current one");
  });
});

describe("password-changed", () => {
  it("is a security notice with the time of the change and what to do if it was not you", async () => {
    const signInUrl = "https://stockflow.example.com/login";
    const email = await renderEmail("password-changed", {
      name: "Jonas Berg",
      changedAt: "2026-11-24T14:05:00.000Z",
      signInUrl,
    });
    expect(email.subject).toBe("Your StockFlow password was changed");
    expect(email.html).toContain(`href="${signInUrl}"`);
    expect(email.text).toContain(signInUrl);
    expect(email.text).toContain("changed on 24 Nov 2026, 14:05 UTC");
    expect(email.text).toContain("If this wasn't you, reset your password now");
  });
});

describe("email-change-requested", () => {
  it("tells the current address which address was asked for, that nothing changed yet, and how to stop it", async () => {
    const email = await renderEmail("email-change-requested", {
      name: "Jonas Berg",
      oldEmail: "jonas@old.example.com",
      newEmail: "j.berg@new.example.com",
      requestedAt: "2026-03-02T08:15:00.000Z",
    });
    expect(email.subject).toBe("A change of your StockFlow email address was requested");
    expect(email.text).toContain("On 2 Mar 2026, 08:15 UTC");
    expect(email.text).toContain("from jonas@old.example.com to j.berg@new.example.com");
    expect(email.text).toContain("Nothing changes until the new address confirms it");
    expect(email.text).toContain("change your password now");
  });
});

describe("email-changed", () => {
  it("tells the old address which address replaced it and when", async () => {
    const email = await renderEmail("email-changed", {
      name: "Jonas Berg",
      oldEmail: "jonas@old.example.com",
      newEmail: "j.berg@new.example.com",
      changedAt: "2026-03-02T08:15:00.000Z",
    });
    expect(email.subject).toBe("Your StockFlow email address was changed");
    expect(email.text).toContain("changed from jonas@old.example.com to j.berg@new.example.com");
    expect(email.text).toContain("On 2 Mar 2026, 08:15 UTC");
    expect(email.text).toContain("If this wasn't you, contact your company administrator");
  });
});

describe("company-status", () => {
  const signInUrl = "https://stockflow.example.com/login";

  it("tells an admin the company is active", async () => {
    const email = await renderEmail("company-status", { companyName: "Harbour Tools", status: "ACTIVE", signInUrl });
    expect(email.subject).toBe("Harbour Tools is active on StockFlow");
    expect(email.html).toContain(`href="${signInUrl}"`);
    expect(email.text).toContain(signInUrl);
    expect(email.text).toContain("Harbour Tools has been approved (or reactivated)");
    expect(email.text).toContain("you are an administrator of Harbour Tools");
  });

  it("tells an admin the company is suspended", async () => {
    const email = await renderEmail("company-status", { companyName: "Harbour Tools", status: "SUSPENDED", signInUrl });
    expect(email.subject).toBe("Harbour Tools is suspended on StockFlow");
    expect(email.text).toContain("has suspended Harbour Tools");
    expect(email.text).not.toContain("approved");
  });
});

describe("company-registered", () => {
  const active = {
    name: "Robin Baker",
    companyName: "Harbour Tools",
    status: "ACTIVE",
    dashboardUrl: "https://stockflow.example.com/dashboard",
    importUrl: "https://stockflow.example.com/products/import",
    usersUrl: "https://stockflow.example.com/users",
    settingsUrl: "https://stockflow.example.com/settings",
  };
  const pending = {
    name: "Robin Baker",
    companyName: "Harbour Tools",
    status: "PENDING",
    statusUrl: "https://stockflow.example.com/company-status",
  };

  it("welcomes the admin of an active company, links to the dashboard and lists the first steps", async () => {
    const email = await renderEmail("company-registered", active);
    expect(email.subject).toBe("Welcome to StockFlow — Harbour Tools is ready");
    for (const url of [active.dashboardUrl, active.importUrl, active.usersUrl, active.settingsUrl]) {
      expect(email.html).toContain(`href="${url}"`);
      expect(email.text).toContain(url);
    }
    expect(email.text).toContain("Harbour Tools is ready");
    expect(email.text).toContain("Hi Robin Baker,");
    expect(email.text).toContain("Harbour Tools is set up with a default warehouse, and you are its admin.");
    expect(email.text).toContain(
      `1. Add your products ${active.importUrl} — one at a time, or a whole list at once from a CSV file.`,
    );
    expect(email.text).toContain(`2. Invite your team ${active.usersUrl} — choose what each person may do.`);
    expect(email.text).toContain(`3. Set your approval rules ${active.settingsUrl} — which requests need`);
    expect(email.text).toContain("Open your dashboard");
    expect(email.text).toContain("you registered Harbour Tools on StockFlow with this address");
    expect(email.text).not.toContain("approval by");
    expect(email.text).not.toContain("platform administrator");
    expect(email.html).not.toContain("/company-status");
  });

  it("tells the admin of a pending company it is being reviewed, and links to its status page", async () => {
    const email = await renderEmail("company-registered", pending);
    expect(email.subject).toBe("We received your sign-up for Harbour Tools");
    expect(email.html).toContain(`href="${pending.statusUrl}"`);
    expect(email.text).toContain(pending.statusUrl);
    expect(email.text).toContain("Harbour Tools is waiting for approval");
    expect(email.text).toContain("We received your sign-up for Harbour Tools.");
    expect(email.text).toContain("A StockFlow platform administrator reviews each new company before it can be used.");
    expect(email.text).toContain("You will get an email at this address as soon as Harbour Tools is active.");
    expect(email.text).not.toContain("/dashboard");
    expect(email.text).not.toContain("is ready");
    expect(email.text).not.toContain("Invite your team");
  });

  it.each([
    ["an active company without its first-step links", { ...active, importUrl: undefined }],
    ["a pending company with the dashboard's links", { ...active, status: "PENDING" }],
    ["an active company with the status page's link", { ...pending, status: "ACTIVE" }],
    ["a suspended company", { ...pending, status: "SUSPENDED" }],
    ["a relative link", { ...pending, statusUrl: "/company-status" }],
  ])("refuses %s", (_label, props) => {
    expect(() => prepareEmail("company-registered", props)).toThrow(EmailTemplateError);
  });

  it.each([
    ["name", "ACTIVE", active],
    ["companyName", "ACTIVE", active],
    ["name", "PENDING", pending],
    ["companyName", "PENDING", pending],
  ])("refuses a line break in %s (%s company)", (key, _status, props) => {
    for (const value of ["Eve\r\nBcc: victim@example.test", "Eve\nBcc: victim@example.test"]) {
      expect(() => prepareEmail("company-registered", { ...props, [key]: value })).toThrow(EmailTemplateError);
    }
  });
});

describe("company-pending", () => {
  const platformUrl = "https://stockflow.example.com/platform";
  const props = {
    companyName: "Harbour Tools",
    registrantName: "Robin Baker",
    registrantEmail: "robin@harbour-tools.example",
    timeZone: "Europe/Berlin",
    registeredAt: "2026-11-24T14:05:00.000Z",
    platformUrl,
  };

  it("tells a platform administrator who registered which company, when, and links to the platform page", async () => {
    const email = await renderEmail("company-pending", props);
    expect(email.subject).toBe("Harbour Tools is waiting for approval");
    expect(email.html).toContain(`href="${platformUrl}"`);
    expect(email.text).toContain(platformUrl);
    expect(email.text).toContain("Harbour Tools is waiting for approval");
    expect(email.text).toContain("Company: Harbour Tools");
    expect(email.text).toContain("Registered by: Robin Baker (robin@harbour-tools.example)");
    expect(email.text).toContain("Time zone: Europe/Berlin");
    expect(email.text).toContain("Registered: 24 Nov 2026, 14:05 UTC");
    expect(email.text).toContain("Review companies");
    expect(email.text).toContain("you are a StockFlow platform administrator");
  });

  it.each([
    ["companyName", "Harbour\r\nBcc: victim@example.test"],
    ["registrantName", "Eve\r\nBcc: victim@example.test"],
    ["registrantName", "Eve\nBcc: victim@example.test"],
    ["timeZone", "Europe/Berlin\r\nBcc: victim@example.test"],
    ["registrantEmail", "robin@example.test\r\nBcc: victim@example.test"],
    ["registrantEmail", "not an address"],
    ["registeredAt", "yesterday"],
    ["platformUrl", "/platform"],
    ["companyName", ""],
  ])("refuses %s = %j", (key, value) => {
    expect(() => prepareEmail("company-pending", { ...props, [key]: value })).toThrow(EmailTemplateError);
  });

  it("refuses a field it does not know", () => {
    expect(() => prepareEmail("company-pending", { ...props, password: "secret" })).toThrow(EmailTemplateError);
  });
});

describe("order-submitted", () => {
  const requestUrl = "https://stockflow.example.com/requests/0194f0c2-7b1e-7c3a-9d2e-5f6a7b8c9d0e";
  const props = {
    recipientName: "Priya Natarajan",
    companyName: "Harbour Tools",
    requestNumber: "REQ-000123",
    requestType: "CUSTOMER_ORDER",
    requesterName: "Sam Staff",
    locationName: "Dock 2",
    summary: "3 × Blue widget (WID-1), 2 × Gadget (GAD-9)",
    total: "3 each and 2 box",
    reference: "PO-4471",
    note: "Customer collects on Friday.\r\nPack the widgets separately.",
    requestUrl,
  };

  it("tells an approver who asked for what, and links to the request", async () => {
    const email = await renderEmail("order-submitted", props);
    expect(email.subject).toBe("New customer order REQ-000123 from Sam Staff");
    expect(email.html).toContain(`href="${requestUrl}"`);
    expect(email.text).toContain(requestUrl);
    expect(email.text).toContain("New customer order REQ-000123");
    expect(email.text).toContain("Hi Priya Natarajan,");
    expect(email.text).toContain("Sam Staff made a customer order that is waiting for a decision");
    expect(email.text).toContain("Location: Dock 2");
    expect(email.text).toContain("Items: 3 × Blue widget (WID-1), 2 × Gadget (GAD-9)");
    expect(email.text).toContain("Total: 3 each and 2 box");
    expect(email.text).toContain("Customer reference: PO-4471");
    expect(email.text).toContain("Note from Sam Staff: Customer collects on Friday.\nPack the widgets separately.");
    expect(email.text).toContain("Review the request");
    expect(email.text).toContain("You received this because you approve requests at Harbour Tools on StockFlow.");
  });

  it("names a restock request and its supplier reference", async () => {
    const email = await renderEmail("order-submitted", { ...props, requestType: "RESTOCK", total: "1,200 pair" });
    expect(email.subject).toBe("New restock request REQ-000123 from Sam Staff");
    expect(email.text).toContain("Sam Staff made a restock request that is waiting for a decision");
    expect(email.text).toContain("Supplier reference: PO-4471");
    expect(email.text).toContain("Total: 1,200 pair");
  });

  it("still renders a row queued before per-unit totals, with the one figure it carried", async () => {
    // Written by an older instance during a deploy: `totalUnits` instead of `total`.
    const { total: _total, ...older } = props;
    const email = await renderEmail("order-submitted", { ...older, totalUnits: 1_205 });
    expect(email.text).toContain("Total: 1,205 units");
    expect(email.text).toContain("Items: 3 × Blue widget (WID-1), 2 × Gadget (GAD-9)");
    // Neither shape with the other's field, and not both.
    expect(() => prepareEmail("order-submitted", { ...props, totalUnits: 5 })).toThrow(EmailTemplateError);
    expect(() => prepareEmail("order-submitted", { ...older, totalUnits: 0 })).toThrow(EmailTemplateError);
  });

  it("leaves out an empty reference and an empty note", async () => {
    const email = await renderEmail("order-submitted", { ...props, reference: "  ", note: "" });
    expect(email.text).not.toContain("reference");
    expect(email.text).not.toContain("Note");
    expect(email.text).toContain("Total: 3 each and 2 box");
  });

  it("shows markup in a note as text", async () => {
    const email = await renderEmail("order-submitted", { ...props, note: '<a href="https://evil.example">x</a>' });
    expect(email.html).not.toContain('<a href="https://evil.example"');
    expect(email.html).toContain("&lt;a href=&quot;https://evil.example&quot;&gt;x&lt;/a&gt;");
  });

  it.each([
    ["requestNumber", "123"],
    ["requestNumber", "REQ-123"],
    ["total", ""],
    ["total", "3 each and\n2 box"],
    ["total", 5],
    ["summary", ""],
    ["reference", "PO-1\nBcc: x@y.example"],
    ["note", "bell\u0007"],
    ["note", "x".repeat(2001)],
  ])("refuses %s = %j", (key, value) => {
    expect(() => prepareEmail("order-submitted", { ...props, [key]: value })).toThrow(EmailTemplateError);
  });

  it("refuses a line break in the requester's name, which ends up in the subject", () => {
    expect(() => prepareEmail("order-submitted", { ...props, requesterName: "Eve\r\nBcc: x@y" })).toThrow(
      EmailTemplateError,
    );
  });
});

describe("order-status", () => {
  const requestUrl = "https://stockflow.example.com/requests/0194f0c2-7b1e-7c3a-9d2e-5f6a7b8c9d0e";
  const props = {
    recipientName: "Sam Staff",
    companyName: "Harbour Tools",
    requestNumber: "REQ-000123",
    actorName: "Priya Natarajan",
    note: "",
    requestUrl,
  };

  it.each([
    [
      "CUSTOMER_ORDER",
      "APPROVED",
      "Your customer order REQ-000123 was approved",
      "Priya Natarajan approved your customer order REQ-000123; the stock is reserved until it is fulfilled.",
    ],
    [
      "RESTOCK",
      "APPROVED",
      "Your restock request REQ-000123 was approved",
      "Priya Natarajan approved your restock request REQ-000123; stock is added when the delivery is received.",
    ],
    [
      "CUSTOMER_ORDER",
      "REJECTED",
      "Your customer order REQ-000123 was rejected",
      "Priya Natarajan rejected your customer order REQ-000123. Make a new request if the items are still needed.",
    ],
    [
      "RESTOCK",
      "REJECTED",
      "Your restock request REQ-000123 was rejected",
      "Priya Natarajan rejected your restock request REQ-000123. Make a new request if the items are still needed.",
    ],
    [
      "CUSTOMER_ORDER",
      "FULFILLED",
      "Your customer order REQ-000123 was fulfilled",
      "Priya Natarajan fulfilled your customer order REQ-000123: the items left stock.",
    ],
    [
      "RESTOCK",
      "FULFILLED",
      "Your restock request REQ-000123 was fulfilled",
      "Priya Natarajan received the delivery for your restock request REQ-000123: the stock was added.",
    ],
    [
      "CUSTOMER_ORDER",
      "CANCELLED",
      "Your customer order REQ-000123 was cancelled",
      "Priya Natarajan cancelled your customer order REQ-000123; any stock reserved for it is free again. Make a new request if the items are still needed.",
    ],
    [
      "RESTOCK",
      "CANCELLED",
      "Your restock request REQ-000123 was cancelled",
      "Priya Natarajan cancelled your restock request REQ-000123; no stock will be added. Make a new request if the items are still needed.",
    ],
  ])("%s %s: subject and what it means", async (requestType, status, subject, sentence) => {
    const email = await renderEmail("order-status", { ...props, requestType, status });
    expect(email.subject).toBe(subject);
    expect(email.html).toContain(`href="${requestUrl}"`);
    expect(email.text).toContain(requestUrl);
    expect(email.text).toContain(subject);
    expect(email.text).toContain("Hi Sam Staff,");
    expect(email.text).toContain(sentence);
    expect(email.text).toContain("Open the request");
    expect(email.text).toContain("You received this because you made this request at Harbour Tools on StockFlow.");
    expect(email.text).not.toContain("Reason:");
    expect(email.text).not.toContain("Note:");
  });

  it("gives the reason for a rejection, line by line", async () => {
    const email = await renderEmail("order-status", {
      ...props,
      requestType: "CUSTOMER_ORDER",
      status: "REJECTED",
      note: "Out of season.\nAsk again in March.",
    });
    expect(email.text).toContain("Reason: Out of season.\nAsk again in March.");
    expect(email.text).not.toContain("Note:");
  });

  it("shows a note left with another decision as a note", async () => {
    const email = await renderEmail("order-status", {
      ...props,
      requestType: "RESTOCK",
      status: "APPROVED",
      note: "Ordered from the usual supplier.",
    });
    expect(email.text).toContain("Note: Ordered from the usual supplier.");
    expect(email.text).not.toContain("Reason:");
  });

  // What commit-order-transition.ts writes line by line: "Name (SKU): …" per product that changed.
  const hammer = "Claw hammer (HAM-1)";
  const gloves = "Safety gloves (GL-L)";

  it.each([
    [
      "CUSTOMER_ORDER",
      "Priya Natarajan approved your customer order REQ-000123 with lower quantities (below); the stock is reserved until it is fulfilled.",
    ],
    [
      "RESTOCK",
      "Priya Natarajan approved your restock request REQ-000123 with lower quantities (below); stock is added when the delivery is received.",
    ],
  ])("%s approved with lower quantities: says so in the subject and lists each line", async (requestType, sentence) => {
    const lines = [`${hammer}: 6 each approved of 10 requested`, `${gloves}: 0 pair approved of 4 requested`];
    const email = await renderEmail("order-status", {
      ...props,
      requestType,
      status: "APPROVED",
      note: "Only 6 hammers left this month.",
      lines,
    });
    const type = requestType === "RESTOCK" ? "restock request" : "customer order";
    expect(email.subject).toBe(`Your ${type} REQ-000123 was approved with changes`);
    expect(email.text).toContain(sentence);
    expect(email.text).toContain(`${lines[0]}\n${lines[1]}`);
    expect(email.html).toContain(`${lines[0]}<br/>${lines[1]}`);
    expect(email.text).toContain("Note: Only 6 hammers left this month.");
  });

  it.each([
    [
      "RESTOCK",
      "Your restock request REQ-000123 was partly fulfilled",
      "Priya Natarajan received part of the delivery for your restock request REQ-000123; the rest is still expected.",
      `${hammer}: 4 each received, 6 still to come`,
    ],
    [
      "CUSTOMER_ORDER",
      "Your customer order REQ-000123 was partly fulfilled",
      "Priya Natarajan shipped part of your customer order REQ-000123; the rest is on backorder and ships when stock is available.",
      `${hammer}: 4 each shipped, 6 still to come`,
    ],
  ])("%s partly fulfilled: what moved and what is still to come", async (requestType, subject, sentence, line) => {
    const email = await renderEmail("order-status", {
      ...props,
      requestType,
      status: "PARTIALLY_FULFILLED",
      lines: [line, `${gloves}: 2 pair ${requestType === "RESTOCK" ? "received" : "shipped"}`],
    });
    expect(email.subject).toBe(subject);
    expect(email.text).toContain(sentence);
    expect(email.text).toContain(line);
    expect(email.text).toContain(`${gloves}: 2 pair`);
    expect(email.html).toContain(`href="${requestUrl}"`);
    expect(email.text).not.toContain("Note:");
  });

  it.each([
    [
      "RESTOCK",
      "Priya Natarajan received the rest of the delivery for your restock request REQ-000123: everything approved has arrived.",
      `${hammer}: 6 each received`,
    ],
    [
      "CUSTOMER_ORDER",
      "Priya Natarajan shipped the rest of your customer order REQ-000123: everything approved has left stock.",
      `${hammer}: 6 each shipped`,
    ],
  ])("%s fulfilled after a backorder: the rest arrived or shipped", async (requestType, sentence, line) => {
    const email = await renderEmail("order-status", { ...props, requestType, status: "FULFILLED", lines: [line] });
    expect(email.subject).toMatch(/ REQ-000123 was fulfilled$/);
    expect(email.text).toContain(sentence);
    expect(email.text).toContain(line);
  });

  it("closed: what is not coming, and why, as the reason", async () => {
    const email = await renderEmail("order-status", {
      ...props,
      requestType: "RESTOCK",
      status: "CLOSED",
      note: "The supplier discontinued it.",
      lines: [`${hammer}: 6 each not coming`],
    });
    expect(email.subject).toBe("Your restock request REQ-000123 was closed");
    expect(email.text).toContain(
      "Priya Natarajan closed your restock request REQ-000123: what was fulfilled stays, the rest is not coming. Make a new request if it is still needed.",
    );
    expect(email.text).toContain(`${hammer}: 6 each not coming`);
    expect(email.text).toContain("Reason: The supplier discontinued it.");
    expect(email.text).not.toContain("Note:");
  });

  it("renders a row queued before the lines existed (no lines), and empty lines, as a whole step", async () => {
    // Written by an older instance during a deploy: no `lines` prop at all.
    const older = await renderEmail("order-status", { ...props, requestType: "CUSTOMER_ORDER", status: "APPROVED" });
    expect(older.subject).toBe("Your customer order REQ-000123 was approved");
    expect(older.text).toContain(
      "Priya Natarajan approved your customer order REQ-000123; the stock is reserved until it is fulfilled.",
    );
    const empty = await renderEmail("order-status", {
      ...props,
      requestType: "RESTOCK",
      status: "FULFILLED",
      lines: [],
    });
    expect(empty.subject).toBe("Your restock request REQ-000123 was fulfilled");
    expect(empty.text).toContain(
      "Priya Natarajan received the delivery for your restock request REQ-000123: the stock was added.",
    );
  });

  it("takes up to 100 lines of up to 400 characters, and refuses more, longer, multi-line or non-text ones", () => {
    const valid = { ...props, requestType: "CUSTOMER_ORDER", status: "PARTIALLY_FULFILLED" };
    const line = (length: number) => `${hammer}: ${"x".repeat(length - hammer.length - 2)}`;
    expect(() => prepareEmail("order-status", { ...valid, lines: Array(100).fill(line(400)) })).not.toThrow();
    for (const lines of [
      Array(101).fill(`${hammer}: 1 each shipped`),
      [line(401)],
      [`${hammer}: 1 each shipped\nBcc: x@y.example`],
      [""],
      [3],
      `${hammer}: 1 each shipped`,
    ]) {
      expect(() => prepareEmail("order-status", { ...valid, lines }), JSON.stringify(lines).slice(0, 60)).toThrow(
        EmailTemplateError,
      );
    }
  });

  it.each([
    ["status", "PENDING"],
    ["requestType", "TRANSFER"],
    ["actorName", ""],
    ["requestUrl", "/requests/0194f0c2"],
  ])("refuses %s = %j", (key, value) => {
    const valid = { ...props, requestType: "RESTOCK", status: "APPROVED" };
    expect(() => prepareEmail("order-status", { ...valid, [key]: value })).toThrow(EmailTemplateError);
  });

  it("refuses a line break in the actor's name", () => {
    const invalid = { ...OrderStatusEmail.PreviewProps, actorName: "Eve\r\nBcc: x@y" };
    expect(() => prepareEmail("order-status", invalid)).toThrow(EmailTemplateError);
  });
});

describe("contact-message", () => {
  const props = {
    name: "Dana Reyes",
    email: "dana@harbour-tools.example",
    subject: "Can we import our product list?",
    message: "Hello,\r\n\r\nWe keep 1,200 products in a spreadsheet.\nCan we import them?",
    receivedAt: "2026-11-24T14:05:00.000Z",
  };

  it("gives support the sender, the time and the message with its line breaks", async () => {
    const email = await renderEmail("contact-message", props);
    expect(email.subject).toBe("Contact form: Can we import our product list?");
    expect(email.text).toContain("New message from the contact form");
    expect(email.text).toContain("From: Dana Reyes (dana@harbour-tools.example)");
    expect(email.text).toContain("Received: 24 Nov 2026, 14:05 UTC");
    expect(email.text).toContain("Subject: Can we import our product list?");
    expect(email.text).toContain("Hello,\n\nWe keep 1,200 products in a spreadsheet.\nCan we import them?");
    expect(email.html).toContain("We keep 1,200 products in a spreadsheet.<br/>Can we import them?");
    expect(email.text).toContain("Reply to this email to answer Dana Reyes at dana@harbour-tools.example.");
  });

  it("leaves the Reply-To header to the outbox row: the template only names the sender", () => {
    const prepared = prepareEmail("contact-message", props);
    expect(Object.keys(prepared.props).sort()).toEqual(["email", "message", "name", "receivedAt", "subject"]);
  });

  it("shows markup in the message as text", async () => {
    const email = await renderEmail("contact-message", { ...props, message: '<img src="https://evil.example/x">' });
    expect(email.html).not.toContain('<img src="https://evil.example/x"');
    expect(email.html).toContain("&lt;img src=&quot;https://evil.example/x&quot;&gt;");
  });

  it.each([
    ["name", "Eve\r\nBcc: victim@example.test"],
    ["subject", "Hello\nBcc: victim@example.test"],
    ["email", "dana@example.test\r\nBcc: victim@example.test"],
    ["email", "not an address"],
    ["message", ""],
    ["message", "bell\u0007"],
    ["message", "x".repeat(5001)],
    ["subject", "x".repeat(201)],
    ["receivedAt", "yesterday"],
  ])("refuses %s = %j", (key, value) => {
    expect(() => prepareEmail("contact-message", { ...props, [key]: value })).toThrow(EmailTemplateError);
  });
});

describe("contact-confirmation", () => {
  const props = { receivedAt: "2026-11-24T14:05:00.000Z" };

  it("thanks the sender and says when the message arrived, repeating nothing they wrote", async () => {
    const email = await renderEmail("contact-confirmation", props);
    expect(email.subject).toBe("We received your message to StockFlow");
    expect(email.text).toContain("Thanks for your message");
    expect(email.text).toContain("Hello,");
    expect(email.text).toContain("We received your message on 24 Nov 2026, 14:05 UTC and will reply to this address");
    expect(email.text).toContain("If that wasn't you, ignore this email.");
  });

  it("takes no name, subject or message: the form's free text never reaches the address typed into it", () => {
    for (const field of ["name", "subject", "message"]) {
      expect(() => prepareEmail("contact-confirmation", { ...props, [field]: "Buy now" }), field).toThrow(
        EmailTemplateError,
      );
    }
  });
});

describe("registry", () => {
  const previews: Record<EmailTemplateName, unknown> = {
    invitation: InvitationEmail.PreviewProps,
    "password-reset": PasswordResetEmail.PreviewProps,
    "password-reset-no-account": PasswordResetNoAccountEmail.PreviewProps,
    "password-changed": PasswordChangedEmail.PreviewProps,
    "email-confirmation": EmailConfirmationEmail.PreviewProps,
    "email-change-requested": EmailChangeRequestedEmail.PreviewProps,
    "email-changed": EmailChangedEmail.PreviewProps,
    "company-status": CompanyStatusEmail.PreviewProps,
    "company-registered": CompanyRegisteredEmail.PreviewProps,
    "company-pending": CompanyPendingEmail.PreviewProps,
    "order-submitted": OrderSubmittedEmail.PreviewProps,
    "order-status": OrderStatusEmail.PreviewProps,
    "contact-message": ContactMessageEmail.PreviewProps,
    "contact-confirmation": ContactConfirmationEmail.PreviewProps,
    "low-stock": LowStockEmail.PreviewProps,
  };

  it.each(Object.keys(emailTemplates) as EmailTemplateName[])("%s: its PreviewProps pass its schema", (name) => {
    expect(emailTemplates[name].schema.safeParse(previews[name]).success).toBe(true);
  });

  it("refuses unknown keys", () => {
    expect(() => prepareEmail("password-reset", { ...PasswordResetEmail.PreviewProps, token: "raw-secret" })).toThrow(
      EmailTemplateError,
    );
  });

  it.each([
    "/reset-password?token=abc",
    "//evil.example/reset",
    "javascript:alert(1)",
    "ftp://stockflow.example.com/x",
  ])("refuses the link %s", (resetUrl) => {
    expect(() => prepareEmail("password-reset", { ...PasswordResetEmail.PreviewProps, resetUrl })).toThrow(/resetUrl/);
  });

  it("refuses a line break in a name that would end up in the subject", () => {
    const props = { ...InvitationEmail.PreviewProps, companyName: "Acme\r\nBcc: victim@example.test" };
    expect(() => prepareEmail("invitation", props)).toThrow(EmailTemplateError);
  });

  it("refuses a template it does not know", () => {
    expect(() => prepareEmail("newsletter", {})).toThrow(new EmailTemplateError('Unknown email template "newsletter"'));
  });
});

describe("low-stock", () => {
  const productsUrl = "https://stockflow.example.com/products?stock=low";

  it("names the one product in the subject and links to it", async () => {
    const productUrl = "https://stockflow.example.com/products/0194f0c2-7b1e-7c3a-9d2e-5f6a7b8c9d0e";
    const email = await renderEmail("low-stock", {
      recipientName: "Priya Natarajan",
      companyName: "Harbour Tools",
      productCount: 1,
      firstProductName: "Blue widget",
      products: "Blue widget (WID-1): 3 on hand, reorder point 5",
      moreCount: 0,
      productsUrl: productUrl,
    });
    expect(email.subject).toBe("Blue widget reached its reorder point at Harbour Tools");
    expect(email.html).toContain(`href="${productUrl}"`);
    expect(email.text).toContain("This product is now at or below its reorder point:");
    expect(email.text).toContain("Blue widget (WID-1): 3 on hand, reorder point 5");
    expect(email.text).toContain(productUrl);
    expect(email.text).not.toContain("more.");
  });

  it("lists several products one per line, and says how many more there are", async () => {
    const email = await renderEmail("low-stock", {
      ...LowStockEmail.PreviewProps,
      productCount: 23,
      products: "Blue widget (WID-1): 3 on hand, reorder point 5\nGadget (GAD-9): 0 on hand, reorder point 10",
      moreCount: 21,
      productsUrl,
    });
    expect(email.subject).toBe("23 products reached their reorder point at Acme Hardware");
    expect(email.html).toContain("Blue widget (WID-1): 3 on hand, reorder point 5<br/>Gadget (GAD-9)");
    expect(email.text).toContain("…and 21 more.");
    expect(email.html).toContain(`href="${productsUrl}"`);
  });

  it("refuses a line break in the product name that heads the subject", () => {
    expect(() =>
      prepareEmail("low-stock", { ...LowStockEmail.PreviewProps, firstProductName: "Widget\r\nBcc: x@y" }),
    ).toThrow(EmailTemplateError);
  });
});
