import { afterEach, describe, expect, it, vi } from "vitest";
import { hashPassword, verifyPassword } from "./passwords";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("password hashing", () => {
  it("uses argon2id with OWASP's parameters (19 MiB, 2 iterations, 1 lane) unless told otherwise", async () => {
    vi.stubEnv("ARGON2_MEMORY_KIB", undefined);
    vi.stubEnv("ARGON2_ITERATIONS", undefined);
    const hash = await hashPassword("tulip-lantern-42");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "tulip-lantern-42")).toBe(true);
    expect(await verifyPassword(hash, "tulip-lantern-43")).toBe(false);
  });

  it("salts every hash", async () => {
    vi.stubEnv("ARGON2_MEMORY_KIB", "1024");
    vi.stubEnv("ARGON2_ITERATIONS", "1");
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("treats a malformed stored hash as a mismatch, not a crash", async () => {
    expect(await verifyPassword("not-a-real-hash", "anything")).toBe(false);
  });
});
