// Secrets for the embedded default, generated once and kept under .data/ (never committed): next-auth's secret,
// the embedded server's superuser password and the passwords of the three StockFlow roles.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface LocalSecrets {
  authSecret: string;
  /** The embedded server's superuser (`postgres`); called ownerPassword before the owner role existed. */
  superuserPassword: string;
  /** The owner role (stockflow_owner), which owns the database and runs migrations. */
  databaseOwnerPassword: string;
  appPassword: string;
  systemPassword: string;
}

type StoredSecrets = Partial<LocalSecrets> & { ownerPassword?: string };

/** Reads the secrets, creating the file, or adding what an older version's file lacks, on first use. */
export function loadOrCreateSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, "secrets.json");
  const stored: StoredSecrets = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as StoredSecrets) : {};
  const secret = () => randomBytes(24).toString("base64url");
  const secrets: LocalSecrets = {
    authSecret: stored.authSecret ?? randomBytes(32).toString("base64url"),
    superuserPassword: stored.superuserPassword ?? stored.ownerPassword ?? secret(),
    databaseOwnerPassword: stored.databaseOwnerPassword ?? secret(),
    appPassword: stored.appPassword ?? secret(),
    systemPassword: stored.systemPassword ?? secret(),
  };
  const complete = Object.keys(secrets).every((key) => key in stored) && !("ownerPassword" in stored);
  if (!complete) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}
