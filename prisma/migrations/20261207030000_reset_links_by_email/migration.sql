-- Forgot-password retires the unused reset links of the address asked for, on every request and whether or not
-- an account uses it (lib/auth/request-password-reset.ts): an index keeps that one lookup, not a scan.
CREATE INDEX "one_time_tokens_email_purpose_idx" ON "one_time_tokens"("email", "purpose");
