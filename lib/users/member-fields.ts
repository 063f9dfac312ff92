// The fields of the users administration forms, shared by the domain functions (server) and their forms (client).
// Pure: imports nothing server-side.
import { z } from "zod";
import { ROLES } from "../auth/permissions";

export const MEMBERS_PAGE_SIZE = 50;

/** A person's display name: one line (it ends up in email subjects), 1–120 characters. */
export const memberNameSchema = z
  .string({ error: "Enter a name." })
  .trim()
  .min(1, "Enter a name.")
  .max(120, "Use at most 120 characters.")
  .regex(/^[^\p{Cc}]*$/u, "Use a single line without control characters.");

export const roleSchema = z.enum(ROLES, { error: "Choose a role: Admin, Manager or Staff." });

export const membershipIdSchema = z.uuid({ error: "That member was not found." });
export const invitationIdSchema = z.uuid({ error: "That invitation was not found." });

export const pageSchema = z.number().int().min(1).max(100_000).default(1);

/** What a list page asks for: `?page=2` (anything unusable is page 1). */
export function pageFromParam(value: string | string[] | undefined): number {
  const page = Number(typeof value === "string" ? value : undefined);
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}
