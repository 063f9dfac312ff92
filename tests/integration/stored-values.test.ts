// A stored value never blocks the work of others (issue 11, item 4). Old data, or data written around lib, may
// hold what the field rules refuse today: a person's name with a tab and a line break, written here straight into
// the database as the owner. The emails that would carry it refuse it, and that must not roll back the change that
// caused them: optional mail to or about that person is skipped (an error log and an "email.skipped" audit row in
// the same transaction), security mail goes out with the value made safe ("email.sanitized").
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { requestPasswordReset } from "../../lib/accounts/request-password-reset";
import { updateProfileName } from "../../lib/accounts/update-profile";
import type { PrismaClient } from "../../lib/db/client";
import { renderEmail } from "../../lib/email/render-email";
import { AppError } from "../../lib/errors";
import { logger } from "../../lib/logger";
import { approveOrderRequest } from "../../lib/orders/approve-order-request";
import { createOrderRequest } from "../../lib/orders/create-order-request";
import { inviteMember } from "../../lib/users/invite-member";
import { uniqueSuffix } from "../factories/company";
import { orderEmails, orderInput, orderRow, orderTeam, pricedProduct, type OrderTeam } from "../factories/orders";
import { addMember, uniqueEmail, type MemberFixture } from "../factories/users";
import { superuserClient, superuserPool } from "../helpers/db";

let system: PrismaClient;
let t: OrderTeam;
/** A manager whose stored name holds a tab and a line break. */
let bad: MemberFixture;
const BAD_NAME = "Morgan\tBad\nName";

beforeAll(async () => {
  system = superuserClient(3);
  t = await orderTeam(system, "stored-values");
  bad = await addMember(system, t.fixture.companyId, { role: "MANAGER", label: "badname" });
  await storeBadName(bad.userId);
});

/** As old data would hold it: written by the owner, around every rule of lib. */
async function storeBadName(userId: string) {
  const owner = superuserPool(1);
  try {
    await owner.query("UPDATE users SET name = $1 WHERE id = $2", [BAD_NAME, userId]);
  } finally {
    await owner.end();
  }
}

afterAll(async () => {
  await system.$disconnect();
});

const skipped = (template: string, to: string) =>
  system.auditLog.findMany({
    where: {
      companyId: t.fixture.companyId,
      action: "email.skipped",
      after: { path: ["template"], equals: template },
      AND: { after: { path: ["to"], equals: to } },
    },
    select: { actorId: true, entityType: true, after: true },
  });

async function newOrder(requester: MemberFixture) {
  const product = await pricedProduct(system, t.fixture, { stock: { [t.fixture.locationId]: 10 } });
  const created = await createOrderRequest(
    requester.ctx,
    orderInput({ locationId: t.fixture.locationId, lines: [{ productId: product.id, quantity: 2 }] }),
  );
  return created;
}

describe("a manager whose stored name holds a tab and a line break", () => {
  it("staff still create requests: the manager's 'needs a decision' email is skipped, the others go out", async () => {
    const errors = vi.spyOn(logger, "error");
    const created = await newOrder(t.staff);
    const logged = errors.mock.calls.map(([fields]) => fields);
    errors.mockRestore();

    expect((await orderRow(system, created.id)).status).toBe("PENDING");
    const recipients = (await orderEmails(system, t.fixture.companyId, "order-submitted", created.number)).map(
      (email) => email.toAddress,
    );
    expect(recipients.sort()).toEqual([t.fixture.admin.email, t.manager.email, t.manager2.email].sort());
    const audit = await skipped("order-submitted", bad.email);
    expect(audit).toEqual([
      {
        actorId: t.staff.userId,
        entityType: "email",
        after: { template: "order-submitted", to: bad.email, fields: ["recipientName"] },
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain("Morgan");
    expect(logged).toContainEqual(
      expect.objectContaining({ template: "order-submitted", fields: ["recipientName"], action: "email.skipped" }),
    );
    expect(JSON.stringify(logged)).not.toContain("Morgan");
  });

  it("that manager approves; the requester's 'decided' email, which would name them, is skipped", async () => {
    const requester = await addMember(system, t.fixture.companyId, { role: "STAFF" });
    const created = await newOrder(requester);

    const approved = await approveOrderRequest(bad.ctx, { orderId: created.id, version: 1 });

    expect(approved.status).toBe("APPROVED");
    expect((await orderRow(system, created.id)).status).toBe("APPROVED");
    expect(await orderEmails(system, t.fixture.companyId, "order-status", created.number)).toEqual([]);
    expect(await skipped("order-status", requester.email)).toEqual([
      {
        actorId: bad.userId,
        entityType: "email",
        after: { template: "order-status", to: requester.email, fields: ["actorName"] },
      },
    ]);
  });

  it("that manager's own requests are created and approved; only the emails naming them are skipped", async () => {
    const created = await newOrder(bad);
    expect(await orderEmails(system, t.fixture.companyId, "order-submitted", created.number)).toEqual([]);
    const approvers = [t.fixture.admin.email, t.manager.email, t.manager2.email];
    for (const to of approvers) {
      expect((await skipped("order-submitted", to)).map((row) => row.after)).toContainEqual({
        template: "order-submitted",
        to,
        fields: ["requesterName"],
      });
    }

    await approveOrderRequest(t.manager.ctx, { orderId: created.id, version: 1 });
    expect((await orderRow(system, created.id)).status).toBe("APPROVED");
    expect(await orderEmails(system, t.fixture.companyId, "order-status", created.number)).toEqual([]);
    expect(await skipped("order-status", bad.email)).toEqual([
      {
        actorId: t.manager.userId,
        entityType: "email",
        after: { template: "order-status", to: bad.email, fields: ["recipientName"] },
      },
    ]);
  });

  it("a password reset still sends its email, with the name on one line, and it renders", async () => {
    await requestPasswordReset({ email: bad.email }, { requestId: `test-${uniqueSuffix()}` });

    const row = await system.emailOutbox.findFirstOrThrow({
      where: { toAddress: bad.email, template: "password-reset" },
      select: { subject: true, props: true, status: true },
    });
    expect(row.status).toBe("PENDING");
    expect(row.props).toMatchObject({ name: "Morgan Bad Name" });
    const rendered = await renderEmail("password-reset", row.props);
    expect(rendered.subject).toBe(row.subject);
    expect(rendered.text).toContain("Morgan Bad Name");
    expect(rendered.text).toMatch(/\/reset-password\//);
    const audit = await system.platformAuditLog.findMany({
      where: { action: "email.sanitized", details: { path: ["to"], equals: bad.email } },
      select: { details: true },
    });
    expect(audit).toEqual([{ details: { template: "password-reset", to: bad.email, fields: ["name"] } }]);
  });

  it("an invitation from an admin with such a name goes out with the name on one line (never dropped)", async () => {
    const admin = await addMember(system, t.fixture.companyId, { role: "ADMIN", label: "badadmin" });
    await storeBadName(admin.userId);
    const email = uniqueEmail("invitee");
    await inviteMember(admin.ctx, { email, role: "STAFF" });

    const row = await system.emailOutbox.findFirstOrThrow({
      where: { toAddress: email, template: "invitation" },
      select: { props: true },
    });
    expect(row.props).toMatchObject({ inviterName: "Morgan Bad Name" });
    const audit = await system.auditLog.findMany({
      where: { companyId: t.fixture.companyId, action: "email.sanitized", after: { path: ["to"], equals: email } },
      select: { actorId: true, after: true },
    });
    expect(audit).toEqual([
      { actorId: admin.userId, after: { template: "invitation", to: email, fields: ["inviterName"] } },
    ]);
  });
});

describe("the profile form", () => {
  it("refuses a name with a tab or a line break as a field error, and keeps the stored name", async () => {
    const person = await addMember(system, t.fixture.companyId, { role: "STAFF" });
    for (const name of ["Dana\tReyes", "Dana\nReyes", "Dana\u0085Reyes"]) {
      const error = await updateProfileName({ userId: person.userId, request: {} }, { name }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).fieldErrors).toEqual({ name: ["Use a single line without control characters."] });
    }
    expect((await system.user.findUniqueOrThrow({ where: { id: person.userId } })).name).toBe(person.name);
  });
});
