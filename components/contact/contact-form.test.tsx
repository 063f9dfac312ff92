import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ContactForm, type ContactFormState } from "./contact-form";

afterEach(cleanup);

type Action = (state: ContactFormState, formData: FormData) => Promise<ContactFormState>;

function renderForm(action: Action) {
  render(<ContactForm action={action} />);
  return { send: screen.getByRole("button", { name: "Send message" }) };
}

async function submit(button: HTMLElement) {
  await act(async () => {
    fireEvent.click(button);
  });
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement | HTMLTextAreaElement;

function fillIn() {
  fireEvent.change(field("Your name"), { target: { value: "Dana Reyes" } });
  fireEvent.change(field("Your email"), { target: { value: "dana@example.test" } });
  fireEvent.change(field("Subject"), { target: { value: "Importing products" } });
  fireEvent.change(field("Message"), { target: { value: "Hello,\nCan we import our list?" } });
}

describe("ContactForm", () => {
  it("labels every field a person fills in", () => {
    renderForm(vi.fn());
    expect(screen.getByRole("textbox", { name: "Your name" })).toBeTruthy();
    expect(screen.getByRole("textbox", { name: "Your email" }).getAttribute("type")).toBe("email");
    expect(screen.getByRole("textbox", { name: "Subject" })).toBeTruthy();
    expect(screen.getByRole("textbox", { name: "Message" }).tagName).toBe("TEXTAREA");
    // The visible fields, and nothing else, are what assistive technology offers.
    expect(screen.getAllByRole("textbox")).toHaveLength(4);
  });

  it("keeps the honeypot away from people: hidden from assistive technology, the tab order and autofill", () => {
    renderForm(vi.fn());
    expect(screen.queryByRole("textbox", { name: "Leave this empty" })).toBeNull();
    const honeypot = document.querySelector<HTMLInputElement>('input[name="website"]')!;
    expect(honeypot).not.toBeNull();
    expect(honeypot.tabIndex).toBe(-1);
    expect(honeypot.getAttribute("autocomplete")).toBe("off");
    expect(honeypot.labels?.[0]?.textContent).toBe("Leave this empty");
    expect(honeypot.closest('[aria-hidden="true"]')).not.toBeNull();
    expect(honeypot.value).toBe("");
  });

  it("sends the typed fields with an empty honeypot, then says where the copy went and clears the form", async () => {
    let sent: FormData | undefined;
    const action = vi.fn<Action>(async (_state, formData) => {
      sent = formData;
      return { ok: true, data: { email: "dana@example.test" } };
    });
    const { send } = renderForm(action);
    fillIn();
    await submit(send);

    expect(action).toHaveBeenCalledTimes(1);
    expect(Object.fromEntries(sent!.entries())).toEqual({
      name: "Dana Reyes",
      email: "dana@example.test",
      subject: "Importing products",
      message: "Hello,\nCan we import our list?",
      website: "",
    });
    expect(screen.getByRole("status").textContent).toBe(
      "Thanks — we've received your message and will reply to dana@example.test.",
    );
    for (const label of ["Your name", "Your email", "Subject", "Message"]) expect(field(label).value).toBe("");
  });

  it("shows a pending button while the message is sent", async () => {
    let finish: (state: ContactFormState) => void = () => {};
    const action = vi.fn<Action>(() => new Promise((resolve) => (finish = resolve)));
    const { send } = renderForm(action);
    fillIn();
    await submit(send);
    const pending = screen.getByRole("button", { name: /Sending…/ }) as HTMLButtonElement;
    expect(pending.disabled).toBe(true);
    await act(async () => finish({ ok: true, data: { email: "dana@example.test" } }));
    expect((screen.getByRole("button", { name: "Send message" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("puts field errors beside their fields and keeps what was typed", async () => {
    const action = vi.fn<Action>(async () => ({
      ok: false,
      code: "VALIDATION",
      message: "Please correct the highlighted fields.",
      fieldErrors: { subject: ["Enter a subject."], message: ["Write at least 10 characters."] },
      values: { name: "Dana Reyes", email: "dana@example.test", subject: "", message: "Too short" },
    }));
    const { send } = renderForm(action);
    await submit(send);

    const message = field("Message");
    expect(message.value).toBe("Too short");
    expect(message.getAttribute("aria-invalid")).toBe("true");
    const errorId = message
      .getAttribute("aria-describedby")
      ?.split(" ")
      .find((id) => id.endsWith("-error"));
    expect(document.getElementById(errorId!)?.textContent).toBe("Write at least 10 characters.");
    expect(field("Subject").getAttribute("aria-invalid")).toBe("true");
    expect(field("Your name").value).toBe("Dana Reyes");
    expect(field("Your email").value).toBe("dana@example.test");
    expect(field("Your name").getAttribute("aria-invalid")).toBeNull();
    // Every problem is beside its field: no summary above, and no success.
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("clears what was kept from a refused attempt once a corrected one succeeds", async () => {
    const action = vi
      .fn<Action>()
      .mockResolvedValueOnce({
        ok: false,
        code: "VALIDATION",
        message: "Please correct the highlighted fields.",
        fieldErrors: { message: ["Write at least 10 characters."] },
        values: { name: "Dana Reyes", email: "dana@example.test", subject: "Hello", message: "Too short" },
      })
      .mockResolvedValueOnce({ ok: true, data: { email: "dana@example.test" } });
    const { send } = renderForm(action);
    await submit(send);
    expect(field("Message").value).toBe("Too short");
    fireEvent.change(field("Message"), { target: { value: "Long enough this time." } });
    await submit(screen.getByRole("button", { name: "Send message" }));
    expect(screen.getByRole("status").textContent).toContain("will reply to dana@example.test");
    for (const label of ["Your name", "Your email", "Subject", "Message"]) expect(field(label).value).toBe("");
    expect(field("Message").getAttribute("aria-invalid")).toBeNull();
  });

  it("says when there were too many messages, keeping the message", async () => {
    const message = "Too many messages from your network. Try again in 42 minutes.";
    const action = vi.fn<Action>(async () => ({
      ok: false,
      code: "RATE_LIMITED",
      message,
      values: { name: "Dana Reyes", email: "dana@example.test", subject: "Hello", message: "A longer message" },
    }));
    const { send } = renderForm(action);
    await submit(send);
    expect(screen.getByRole("alert").textContent).toBe(message);
    expect(field("Message").value).toBe("A longer message");
  });
});
