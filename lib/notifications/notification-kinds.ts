// The one list of the kinds of email StockFlow sends to people in a company, and who may turn which off (issue 6,
// part 5). Pure: the profile page's form imports it too.
// - Optional kinds are on by default. A person's choice is a row in notification_preferences (company × user ×
//   kind, so a person in two companies chooses per company); no row means the default. Saving writes the
//   explicit choice (enabled true or false) rather than deleting the row, so a later change of a default never
//   overrides what someone chose.
// - Required kinds (account security, the company's own status) are always sent: they are never stored, and a
//   request to change one is refused.
// - Each kind names the roles it applies to: staff never see (or set) the kinds only managers and admins receive.
import { ROLES, type Role } from "../auth/permissions";

export interface NotificationKindInfo {
  kind: string;
  /** What the person reads beside the checkbox. */
  label: string;
  description: string;
  /** Who receives it; the settings page shows the kind to these roles only. */
  roles: readonly Role[];
  /** Always sent: shown checked and locked, never stored. */
  required: boolean;
  /** The email templates (emails/registry.ts) this kind covers; their senders filter recipients by the kind. */
  templates: readonly string[];
}

const APPROVERS = ["ADMIN", "MANAGER"] as const satisfies readonly Role[];

export const NOTIFICATION_KINDS = [
  {
    kind: "order.created",
    label: "A request needs a decision",
    description: "When someone submits a restock or customer order for you to approve or reject.",
    roles: APPROVERS,
    required: false,
    templates: ["order-submitted"],
  },
  {
    kind: "order.status",
    label: "Your request was decided or completed",
    description:
      "When someone else approves, rejects, fulfils (in full or in part), closes or cancels a request you made.",
    roles: ROLES,
    required: false,
    templates: ["order-status"],
  },
  {
    kind: "stock.low",
    label: "A product reached its reorder point",
    description: "At most one alert per product per day, while your company has low-stock alerts turned on.",
    roles: APPROVERS,
    required: false,
    templates: ["low-stock"],
  },
  {
    kind: "account.security",
    label: "Account security",
    description: "Password changes and reset links, a change of your email address, and invitations.",
    roles: ROLES,
    required: true,
    templates: ["password-changed", "password-reset", "email-changed", "invitation"],
  },
  {
    kind: "company.status",
    label: "Your company's account",
    description: "When your company is approved, suspended or reactivated.",
    roles: ["ADMIN"],
    required: true,
    templates: ["company-status"],
  },
] as const satisfies readonly NotificationKindInfo[];

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]["kind"];

/** Longest kind name the table holds (notification_preferences.kind is varchar(64)). */
export const NOTIFICATION_KIND_MAX_LENGTH = 64;

const byKind = new Map<string, NotificationKindInfo>(NOTIFICATION_KINDS.map((info) => [info.kind, info]));

export function notificationKind(kind: string): NotificationKindInfo | undefined {
  return byKind.get(kind);
}

/** The kinds a role receives (required ones included), in the list's order. */
export function notificationKindsFor(role: Role): NotificationKindInfo[] {
  return NOTIFICATION_KINDS.filter((info) => (info.roles as readonly Role[]).includes(role));
}

/** One kind as the settings page shows it to one person. */
export interface NotificationPreference {
  kind: string;
  label: string;
  description: string;
  required: boolean;
  /** Whether this person receives it: always true for a required kind; true by default for the others. */
  enabled: boolean;
}

/**
 * Why a kind may not be changed by a person with this role, or null when it may: the refusal messages of
 * updateNotificationPreferences, shared so the form and the server say the same thing.
 */
export function preferenceRefusal(kind: string, role: Role): string | null {
  const info = byKind.get(kind);
  if (!info) return "There is no such email to turn on or off.";
  if (!(info.roles as readonly Role[]).includes(role)) return "Your role does not receive this email.";
  if (info.required) return "This email is always sent: it cannot be turned off.";
  return null;
}
