import { provisionDatabase } from "/work/main/lib/db/roles";
import { diffMigrationsToSchema } from "/work/main/lib/db/schema-engine";
const r = await provisionDatabase({ serverUrl: "postgresql://postgres@127.0.0.1:5432/postgres", database: "sf_scratch", appPassword: "a", systemPassword: "s", fresh: true });
console.log(r);
console.log("DIFF:[" + await diffMigrationsToSchema(r.migrateUrl) + "]");
