// The environment the app would have, pointing at this run's test database.
import { inject } from "vitest";

const db = inject("testDatabase");
process.env.DATABASE_URL = db.appUrl;
process.env.DATABASE_SYSTEM_URL = db.systemUrl;
process.env.DATABASE_POOL_SIZE = "5";
process.env.AUTH_SECRET = "test-secret-that-is-at-least-32-characters-long";
process.env.APP_URL = "http://localhost:3100";
process.env.MAIL_DIR = ".data/test-mail";
// Cheap hashing in tests; lib/auth/passwords.test.ts asserts the production parameters.
process.env.ARGON2_MEMORY_KIB = "1024";
process.env.ARGON2_ITERATIONS = "1";
