// The fields of the users administration forms, shared by the domain functions (server) and their forms (client).
// Pure: imports nothing server-side.
import { z } from "zod";
import { ROLES } from "../auth/permissions";
import { singleLineText } from "../fields";

export const MEMBERS_PAGE_SIZE = 50;

/** A person's display name: one line (it ends up in email subjects), 1–120 characters. */
export const memberNameSchema = singleLineText({ missing: "Enter a name.", max: 120 });

export const roleSchema = z.enum(ROLES, { error: "Choose a role: Admin, Manager or Staff." });

export { invitationIdSchema, membershipIdSchema } from "../fields";

export const pageSchema = z.number().int().min(1).max(100_000).default(1);

/** What a list page asks for: `?page=2` (anything unusable is page 1). */
export function pageFromParam(value: string | string[] | undefined): number {
  const page = Number(typeof value === "string" ? value : undefined);
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}
