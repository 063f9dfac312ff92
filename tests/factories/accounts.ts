// People with real (cheaply hashed) passwords, for tests of sign-in and password flows. Unique per call.
import type { PrismaClient } from "../../lib/db/client";
import { hashPassword } from "../../lib/auth/passwords";
import { uniqueSuffix } from "./company";

export interface Person {
  id: string;
  email: string;
  password: string;
}

export async function createPerson(
  system: PrismaClient,
  options: {
    companyId?: string;
    role?: "ADMIN" | "MANAGER" | "STAFF";
    mustChangePassword?: boolean;
    label?: string;
    /** Confirmed unless false (issue 12, item 3). */
    verified?: boolean;
  } = {},
): Promise<Person> {
  const suffix = uniqueSuffix();
  const email = `${options.label ?? "person"}-${suffix}@accounts.test`;
  const password = `correct horse ${suffix}`;
  const user = await system.user.create({
    data: {
      email,
      name: `Person ${suffix}`,
      passwordHash: await hashPassword(password),
      mustChangePassword: options.mustChangePassword ?? false,
      emailVerifiedAt: (options.verified ?? true) ? new Date() : null,
      ...(options.companyId && {
        memberships: { create: { companyId: options.companyId, role: options.role ?? "STAFF" } },
      }),
    },
    select: { id: true },
  });
  return { id: user.id, email, password };
}

/** The raw token of the newest confirmation link emailed to `email`, read from the outbox as its owner would. */
export async function confirmationTokenFromOutbox(system: PrismaClient, email: string): Promise<string> {
  const row = await system.emailOutbox.findFirstOrThrow({
    where: { template: "email-confirmation", toAddress: email },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { props: true },
  });
  const confirmUrl = (row.props as { confirmUrl: string }).confirmUrl;
  const token = /\/confirm-email\/([A-Za-z0-9_-]+)$/.exec(confirmUrl)?.[1];
  if (!token) throw new Error(`No confirmation token in ${confirmUrl}`);
  return token;
}
