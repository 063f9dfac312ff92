// What the profile's "Notifications on this device" needs: the VAPID public key a browser subscribes with (null
// when push is off on this server) and the endpoints this session has turned on in the active company. The page
// compares them with the browser's own subscription: on only when both agree.
import "server-only";
import { withTenantTx } from "../db/tenant";
import { env } from "../env";
import type { PushDeviceContext } from "./save-push-subscription";

export interface PushDevice {
  publicKey: string | null;
  endpoints: string[];
}

export async function getPushDevice(ctx: PushDeviceContext): Promise<PushDevice> {
  const vapid = env().VAPID;
  if (!vapid) return { publicKey: null, endpoints: [] };
  const rows = await withTenantTx(ctx, (tx) =>
    tx.pushSubscription.findMany({
      where: { userId: ctx.userId, sessionId: ctx.sessionId },
      select: { endpoint: true },
    }),
  );
  return { publicKey: vapid.publicKey, endpoints: rows.map((row) => row.endpoint) };
}
