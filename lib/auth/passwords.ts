// Password hashing with argon2id. Production parameters follow OWASP (19 MiB, 2 iterations, 1 lane); tests may
// lower the cost through ARGON2_MEMORY_KIB / ARGON2_ITERATIONS, and one test asserts the defaults.
import { hash, verify } from "@node-rs/argon2";

// Algorithm.Argon2id (a const enum, which isolatedModules cannot import).
const ARGON2ID = 2;

export const PRODUCTION_ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

function parameters() {
  return {
    algorithm: ARGON2ID,
    memoryCost: Number(process.env.ARGON2_MEMORY_KIB ?? PRODUCTION_ARGON2.memoryCost),
    timeCost: Number(process.env.ARGON2_ITERATIONS ?? PRODUCTION_ARGON2.timeCost),
    parallelism: PRODUCTION_ARGON2.parallelism,
  };
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, parameters());
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
