// `npm run db:seed`: adds the demo companies where they are missing (DATABASE_SYSTEM_URL, else the embedded
// database). Safe to run twice.
import path from "node:path";
import { createPrismaClient } from "../lib/db/client";
import { ensurePlatformAdmin } from "../lib/platform/ensure-platform-admin";
import { seedDemo } from "../prisma/seed";
import { DATA_DIR, prepareDatabase } from "./lib/database";

const say = (line: string) => console.log(`[seed] ${line}`);

async function main() {
  const database = await prepareDatabase({
    database: "stockflow",
    dataDir: path.join(DATA_DIR, "postgres"),
    port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
    log: say,
  });
  const system = createPrismaClient(database.urls.systemUrl, 2);
  try {
    const created = await seedDemo(system);
    say(created.length > 0 ? `Seeded: ${created.join(", ")}` : "Demo data already present");
    if (process.env.PLATFORM_ADMIN_EMAIL) {
      await ensurePlatformAdmin(system, { email: process.env.PLATFORM_ADMIN_EMAIL, log: say });
    }
  } finally {
    await system.$disconnect();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  say(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
