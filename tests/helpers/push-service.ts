// A push service and a browser's side of Web Push for the integration tests, on this machine: an HTTP server on
// 127.0.0.1 that records what the app POSTs and answers what the test says, and a subscription whose keys the test
// holds, so it can decrypt each message as the browser would (RFC 8291 on RFC 8188's aes128gcm: the browser's
// ECDH key pair and auth secret, made here with node:crypto).
import { createDecipheriv, createECDH, hkdfSync, randomBytes, randomUUID, type ECDH } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface PushRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface PushServiceFake {
  origin: string;
  received: PushRequest[];
  /** The status the next requests get (201 unless set). */
  answer: (status: number) => void;
  close: () => Promise<void>;
}

export async function startPushService(): Promise<PushServiceFake> {
  const received: PushRequest[] = [];
  let status = 201;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ path: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    answer: (next) => {
      status = next;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A browser's subscription at the fake push service: its keys stay here to decrypt what arrives. */
export class BrowserSubscription {
  readonly endpoint: string;
  private readonly ecdh: ECDH = createECDH("prime256v1");
  private readonly authSecret = randomBytes(16);

  constructor(service: PushServiceFake) {
    this.endpoint = `${service.origin}/push/${randomUUID()}`;
    this.ecdh.generateKeys();
  }

  /** As PushSubscription.toJSON() gives it. */
  toJSON() {
    return {
      endpoint: this.endpoint,
      keys: { p256dh: this.ecdh.getPublicKey("base64url"), auth: this.authSecret.toString("base64url") },
    };
  }

  /** The plaintext of one aes128gcm message (one record, as Web Push sends). */
  decrypt(body: Buffer): string {
    // Header: salt (16) | record size (4) | key id length (1) | key id = the sender's public key.
    const salt = body.subarray(0, 16);
    const idLength = body.readUInt8(20);
    const senderKey = body.subarray(21, 21 + idLength);
    const record = body.subarray(21 + idLength);
    const shared = this.ecdh.computeSecret(senderKey);
    const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), this.ecdh.getPublicKey(), senderKey]);
    const ikm = Buffer.from(hkdfSync("sha256", shared, this.authSecret, keyInfo, 32));
    const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
    const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
    const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
    // The last record ends with the delimiter 0x02, then zero padding.
    const end = padded.lastIndexOf(2);
    if (end < 0 || padded.subarray(end + 1).some((byte) => byte !== 0)) throw new Error("no last-record delimiter");
    return padded.subarray(0, end).toString("utf8");
  }

  /** What arrived for this subscription, decrypted and parsed. */
  messages(service: PushServiceFake): unknown[] {
    const path = new URL(this.endpoint).pathname;
    return service.received.filter((r) => r.path === path).map((r) => JSON.parse(this.decrypt(r.body)) as unknown);
  }
}
