import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { echoFields, refusingThenRecordingAction, submitWith } from "@/tests/helpers/form-actions";
import { ForgotPasswordForm } from "./forgot-password-form";

afterEach(cleanup);

describe("ForgotPasswordForm", () => {
  it("says when to try again after too many requests, and keeps the address typed", async () => {
    const fake = refusingThenRecordingAction<null>({
      refusal: {
        code: "RATE_LIMITED",
        message: "Too many password reset requests from your network. Try again in 12 minutes.",
      },
      // As forgotPasswordAction echoes.
      echo: echoFields("email"),
      data: null,
    });
    render(<ForgotPasswordForm action={fake.action} />);
    const email = () => screen.getByLabelText("Email") as HTMLInputElement;
    email().value = "dana@example.com";
    await submitWith(screen.getByRole("button", { name: "Send reset link" }));
    expect(
      screen.getByText("Too many password reset requests from your network. Try again in 12 minutes."),
    ).toBeTruthy();
    expect(email().value).toBe("dana@example.com");

    await submitWith(screen.getByRole("button", { name: "Send reset link" }));
    expect(fake.saved()).toEqual({ email: "dana@example.com" });
    expect(screen.getByText(/If an account uses that address, we have sent it a link/)).toBeTruthy();
  });
});
