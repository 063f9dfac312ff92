// A connection to the e2e server's database (scripts/start.ts --e2e): database stockflow_e2e (or E2E_DATABASE) on
// TEST_DATABASE_URL's server, else on the embedded e2e server with the superuser password kept in .data/secrets.json
// (by scripts/lib/local-secrets.ts). For assertions only: the superuser sees every company's rows.
import fs from "node:fs";
import pg from "pg";

function e2eDatabaseUrl(): string {
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const url = new URL(server);
    url.pathname = `/${process.env.E2E_DATABASE ?? "stockflow_e2e"}`;
    return url.toString();
  }
  const { superuserPassword } = JSON.parse(fs.readFileSync(".data/secrets.json", "utf8")) as {
    superuserPassword: string;
  };
  const port = process.env.EMBEDDED_PG_PORT ?? "54330";
  return `postgresql://postgres:${encodeURIComponent(superuserPassword)}@127.0.0.1:${port}/${process.env.E2E_DATABASE ?? "stockflow_e2e"}`;
}

export async function queryE2eDatabase<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
