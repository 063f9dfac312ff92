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
      ...(options.companyId && {
        memberships: { create: { companyId: options.companyId, role: options.role ?? "STAFF" } },
      }),
    },
    select: { id: true },
  });
  return { id: user.id, email, password };
}
