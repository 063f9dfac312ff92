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

/** Cursor names of the users page's two lists (lib/list/keyset-cursor.ts): one list's cursor is not the other's. */
export const MEMBERS_CURSOR = "members";
export const INVITATIONS_CURSOR = "invitations";

/** How many rows a page of either list holds: callers other than the page (tests) may ask for fewer. */
export const pageLimitSchema = z.number().int().min(1).max(100).default(MEMBERS_PAGE_SIZE);
