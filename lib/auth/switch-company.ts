// Switching the active company: only to a company where the person has an active membership. The session is
// re-issued with the new company; the role shown and enforced is that membership's (read on every request).
import "server-only";
import { z } from "zod";
import { AppError, parseInput } from "../errors";
import type { SessionUser } from "./context";
import type { IdentityClaims } from "./session-token";

export const switchSchema = z.object({ companyId: z.uuid("Choose a company.") }).strict();

export function switchCompany(session: SessionUser, input: unknown): IdentityClaims {
  const { companyId } = parseInput(switchSchema, input);
  const membership = session.memberships.find((m) => m.companyId === companyId);
  if (!membership) throw AppError.notFound("That company");
  return { sub: session.userId, companyId, sv: session.sessionVersion, mcp: session.mustChangePassword };
}
