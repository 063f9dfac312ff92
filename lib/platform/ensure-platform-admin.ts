// The platform administrator named by PLATFORM_ADMIN_EMAIL, made sure of at start and seed (scripts/start.ts,
// scripts/seed.ts): an existing user gets the flag; a missing one is created with a random temporary password,
// handed to `log` once and stored only as a hash, which must be changed at first sign-in. Safe to run on every
// start and from several instances at once. Only a confirmed address is made platform administrator (issue 12,
// item 3): an existing account whose address is unconfirmed is left as it is and the log says what to do; the
// account created here starts unconfirmed and can act only once its owner has confirmed it from the platform page
// (lib/platform/require-platform-admin.ts). The demo seed never grants this role again (prisma/seed.ts). Takes its client, and imports nothing server-only, so scripts and
// tests can call it outside Next.
import { randomBytes } from "node:crypto";
import { emailAddressSchema } from "../accounts/email-address";
import { isUniqueViolation } from "../errors";
import { hashPassword } from "../auth/passwords";
import type { Prisma, PrismaClient } from "../db/generated/client";

export interface EnsurePlatformAdminResult {
  userId: string;
  outcome: "created" | "promoted" | "unchanged" | "unverified";
  /** Only when created: the one copy of the temporary password. */
  temporaryPassword?: string;
}

export async function ensurePlatformAdmin(
  db: PrismaClient,
  options: { email: string; log: (line: string) => void },
): Promise<EnsurePlatformAdminResult> {
  const parsed = emailAddressSchema.safeParse(options.email);
  if (!parsed.success)
    throw new Error(`PLATFORM_ADMIN_EMAIL is not an email address: ${JSON.stringify(options.email)}`);
  const email = parsed.data;

  const existing = await db.user.findUnique({
    where: { email },
    select: { id: true, isPlatformAdmin: true, emailVerifiedAt: true },
  });
  if (existing && !existing.isPlatformAdmin && !existing.emailVerifiedAt) {
    options.log(
      `${email} has not confirmed its email address, so it is not made a platform administrator (PLATFORM_ADMIN_EMAIL). ` +
        "Sign in as that account, confirm the address from its profile, then restart.",
    );
    return { userId: existing.id, outcome: "unverified" };
  }
  if (existing) {
    const promoted = await db.$transaction(async (tx) => {
      const { count } = await tx.user.updateMany({
        where: { id: existing.id, isPlatformAdmin: false },
        data: { isPlatformAdmin: true },
      });
      if (count > 0) await audit(tx, existing.id, email, "platform.admin_granted");
      return count > 0;
    });
    if (!promoted) return { userId: existing.id, outcome: "unchanged" };
    options.log(`${email} is now a platform administrator (PLATFORM_ADMIN_EMAIL).`);
    return { userId: existing.id, outcome: "promoted" };
  }

  const temporaryPassword = randomBytes(18).toString("base64url");
  const passwordHash = await hashPassword(temporaryPassword);
  let userId: string;
  try {
    userId = await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email, name: "Platform administrator", passwordHash, mustChangePassword: true, isPlatformAdmin: true },
        select: { id: true },
      });
      await audit(tx, user.id, email, "platform.admin_created");
      return user.id;
    });
  } catch (error) {
    // Another instance created it between our look-up and our insert: promote (or keep) that one instead.
    if (isUniqueViolation(error)) return ensurePlatformAdmin(db, options);
    throw error;
  }
  options.log(`Created the platform administrator ${email} with this temporary password (shown only this once):`);
  options.log(`    ${temporaryPassword}`);
  options.log("Sign in with it now and choose your own password; it is not stored or shown anywhere else.");
  options.log("Then confirm the address from the platform page: until then the account cannot administer anything.");
  return { userId, outcome: "created", temporaryPassword };
}

async function audit(tx: Prisma.TransactionClient, userId: string, email: string, action: string): Promise<void> {
  await tx.platformAuditLog.create({
    data: { actorId: userId, email, action, details: { source: "PLATFORM_ADMIN_EMAIL" } },
    select: { id: true },
  });
}
