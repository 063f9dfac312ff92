// Secrets for the embedded default, generated once and kept under .data/ (never committed): next-auth's secret,
// the embedded server's superuser password, the passwords of the three StockFlow roles, and the VAPID key pair of
// Web Push (docs/architecture.md §8, "Push notifications"): kept, because every browser's subscription is bound to it.
import { createECDH, randomBytes } from "node:crypto";
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
  /** Web Push's VAPID key pair (P-256, base64url), as `npx web-push generate-vapid-keys` makes them. */
  vapidPublicKey: string;
  vapidPrivateKey: string;
}

type StoredSecrets = Partial<LocalSecrets> & { ownerPassword?: string };

/** A new VAPID key pair; the private scalar padded to its 32 bytes (Node drops leading zero bytes). */
function vapidKeys(): { publicKey: string; privateKey: string } {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const privateKey = Buffer.alloc(32);
  const scalar = ecdh.getPrivateKey();
  scalar.copy(privateKey, 32 - scalar.length);
  return { publicKey: ecdh.getPublicKey("base64url"), privateKey: privateKey.toString("base64url") };
}

/** Reads the secrets, creating the file, or adding what an older version's file lacks, on first use. */
export function loadOrCreateSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, "secrets.json");
  const stored: StoredSecrets = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as StoredSecrets) : {};
  const secret = () => randomBytes(24).toString("base64url");
  const vapid =
    stored.vapidPublicKey && stored.vapidPrivateKey
      ? { publicKey: stored.vapidPublicKey, privateKey: stored.vapidPrivateKey }
      : vapidKeys();
  const secrets: LocalSecrets = {
    authSecret: stored.authSecret ?? randomBytes(32).toString("base64url"),
    superuserPassword: stored.superuserPassword ?? stored.ownerPassword ?? secret(),
    databaseOwnerPassword: stored.databaseOwnerPassword ?? secret(),
    appPassword: stored.appPassword ?? secret(),
    systemPassword: stored.systemPassword ?? secret(),
    vapidPublicKey: vapid.publicKey,
    vapidPrivateKey: vapid.privateKey,
  };
  const complete = Object.keys(secrets).every((key) => key in stored) && !("ownerPassword" in stored);
  if (!complete) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}
