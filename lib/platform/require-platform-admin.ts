// Platform administration is for platform administrators only, and to anyone else it does not exist: every
// lib/platform function starts here, re-reading the flag from the database rather than trusting the caller.
import "server-only";
import type { RequestMeta } from "../context";
import type { SystemTx } from "../db/system";
import { AppError } from "../errors";

export const CONFIRM_BEFORE_PLATFORM_MESSAGE =
  "Confirm your email address before administering the platform: send yourself a link from this page and open it.";

/** Who is acting on the platform: the verified session (lib/auth/context.ts SessionUser fits). */
export interface PlatformContext {
  userId: string;
  email: string;
  isPlatformAdmin: boolean;
  request?: RequestMeta;
}

export async function requirePlatformAdmin(db: SystemTx, ctx: PlatformContext): Promise<void> {
  const user = ctx.isPlatformAdmin
    ? await db.user.findUnique({
        where: { id: ctx.userId },
        select: { active: true, isPlatformAdmin: true, mustChangePassword: true, emailVerifiedAt: true },
      })
    : null;
  if (!user?.active || !user.isPlatformAdmin) throw AppError.notFound("That page");
  if (user.mustChangePassword) {
    throw new AppError("PASSWORD_CHANGE_REQUIRED", "Choose a new password before you continue.");
  }
  // The account PLATFORM_ADMIN_EMAIL created acts only once its address is confirmed (issue 12, item 3).
  if (!user.emailVerifiedAt) throw AppError.forbidden(CONFIRM_BEFORE_PLATFORM_MESSAGE);
}
