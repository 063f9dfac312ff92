// One database per test run: on the server of TEST_DATABASE_URL (a superuser URL) when set, else on an embedded
// PostgreSQL under .data/test-postgres. Roles are provisioned and migrations applied exactly as `npm start`
// does (the owner role, not the superuser, owns the database and migrates it); the database is dropped at the end.
// Test files share it and stay independent through unique data.
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../lib/db/embedded-postgres";
import { dropDatabase, provisionDatabase } from "../../lib/db/roles";

export interface TestDatabase {
  /** The provisioning superuser's URL of the server (its `postgres` database). */
  serverUrl: string;
  database: string;
  /** The owner role's URL of the test database. */
  migrateUrl: string;
  appUrl: string;
  systemUrl: string;
  embedded: boolean;
}

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: TestDatabase;
  }
}

export default async function setup(project: TestProject) {
  const database = `stockflow_test_${process.pid}_${Date.now().toString(36)}`;
  let serverUrl = process.env.TEST_DATABASE_URL;
  let stopServer = async () => {};
  if (!serverUrl) {
    const server = await startEmbeddedPostgres({
      dataDir: path.resolve(".data/test-postgres"),
      port: Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54331),
      // Set when .data/test-postgres was first initialised (then the superuser owned the tables): keep it.
      superuserPassword: "stockflow-test-owner",
    });
    serverUrl = server.serverUrl;
    stopServer = server.stop;
  }
  const urls = await provisionDatabase({
    serverUrl,
    database,
    ownerPassword: "stockflow-test-owner",
    appPassword: "stockflow-test-app",
    systemPassword: "stockflow-test-system",
    fresh: true,
  });
  project.provide("testDatabase", {
    serverUrl,
    database,
    migrateUrl: urls.migrateUrl,
    appUrl: urls.appUrl,
    systemUrl: urls.systemUrl,
    embedded: !process.env.TEST_DATABASE_URL,
  });
  return async () => {
    await dropDatabase(serverUrl, database);
    await stopServer();
  };
}
