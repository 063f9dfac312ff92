// Secrets for the embedded default, generated once and kept under .data/ (never committed): next-auth's secret
// and the passwords of the three database roles.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface LocalSecrets {
  authSecret: string;
  ownerPassword: string;
  appPassword: string;
  systemPassword: string;
}

export function loadOrCreateSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, "secrets.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as LocalSecrets;
  const secret = () => randomBytes(24).toString("base64url");
  const secrets: LocalSecrets = {
    authSecret: randomBytes(32).toString("base64url"),
    ownerPassword: secret(),
    appPassword: secret(),
    systemPassword: secret(),
  };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
