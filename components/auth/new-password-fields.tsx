import { TextField } from "@/components/ui/field";
import { fieldErrors, type FormState } from "@/components/ui/form-state";
import { PASSWORD_MIN } from "@/lib/auth/password-policy";

/** Choosing a password: the password and its repetition, with the policy as the hint (lib/auth/password-policy.ts). */
export function NewPasswordFields({
  state,
  name = "password",
  label,
  confirmLabel,
  idPrefix = "",
}: {
  state: FormState<unknown>;
  /** The form field of the new password; its repetition is always confirmPassword. */
  name?: "password" | "newPassword";
  label: string;
  confirmLabel: string;
  idPrefix?: string;
}) {
  return (
    <>
      <TextField
        id={`${idPrefix}${name}`}
        name={name}
        type="password"
        label={label}
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN} characters; not a common password.`}
        required
        errors={fieldErrors(state, name)}
      />
      <TextField
        id={`${idPrefix}confirmPassword`}
        name="confirmPassword"
        type="password"
        label={confirmLabel}
        autoComplete="new-password"
        required
        errors={fieldErrors(state, "confirmPassword")}
      />
    </>
  );
}
