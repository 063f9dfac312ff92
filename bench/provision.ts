// A bench's scratch database, provisioned the way production is (lib/db/roles.ts): the non-superuser owner runs the
// migrations; the app, system and search roles as the app has them. Roles are cluster-wide and provisioning sets
// their passwords: the defaults are the ones this checkout's tests already use. `fresh: false` keeps a database made
// before (the load benchmark's --reuse): the migrations not yet applied are, and the role URLs come back.
import { provisionDatabase, type DatabaseUrls } from "../lib/db/roles";

export function provisionBenchDatabase(serverUrl: string, database: string, fresh = true): Promise<DatabaseUrls> {
  return provisionDatabase({
    serverUrl,
    database,
    ownerPassword: process.env.BENCH_OWNER_PASSWORD ?? "stockflow-test-owner",
    appPassword: process.env.BENCH_APP_PASSWORD ?? "stockflow-test-app",
    systemPassword: process.env.BENCH_SYSTEM_PASSWORD ?? "stockflow-test-system",
    fresh,
  });
}
