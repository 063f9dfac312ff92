// Who may import the system client (lib/db/system.ts), which bypasses row-level security (docs/architecture.md §4):
// the one list that eslint.config.mjs turns into its import rule and tests/integration/import-rules.test.ts
// holds against the code. An entry is a file, or a folder written "folder/**" for code that never runs in the app
// (scripts, seeding, tests). A file listed here must import the system client, so the list cannot go stale.
export const SYSTEM_CLIENT_IMPORTERS = [
  // the data layer itself: readiness and role checks at start-up
  "lib/db/readiness.ts",
  "lib/db/check-role-timeouts.ts",
  // sign-in, sessions and account flows: no tenant is known yet, or the app role may not write the global user
  "lib/accounts/accept-invitation.ts",
  "lib/accounts/account-records.ts",
  "lib/accounts/change-password.ts",
  "lib/auth/company-audit.ts",
  "lib/auth/context.ts",
  "lib/accounts/current-password.ts",
  "lib/accounts/email-confirmation-link.ts",
  "lib/accounts/email-confirmation.ts",
  "lib/accounts/invitation-preview.ts",
  "lib/auth/lockout.ts",
  "lib/auth/password-attempts.ts",
  "lib/auth/rate-limit.ts",
  "lib/accounts/register-company.ts",
  "lib/accounts/request-password-reset.ts",
  "lib/accounts/reset-password.ts",
  "lib/auth/sessions.ts",
  "lib/auth/sign-in.ts",
  "lib/accounts/update-profile.ts",
  "lib/auth/user-audit.ts",
  // platform administration and the public contact form (no tenant)
  "lib/platform/change-company-status.ts",
  "lib/platform/get-platform-settings.ts",
  "lib/platform/list-companies.ts",
  "lib/platform/require-platform-admin.ts",
  "lib/platform/set-require-company-approval.ts",
  "lib/contact/submit-contact-message.ts",
  // the outbox worker and background jobs work across companies
  "lib/email/outbox-enqueue-platform.ts",
  "lib/email/outbox-worker.ts",
  "lib/push/push-outbox-worker.ts",
  "lib/jobs/prune-expired-rows.ts",
  "lib/jobs/rollup-rebuilds.ts",
  // never part of the running app
  "scripts/**",
  "prisma/**",
  "tests/**",
];
