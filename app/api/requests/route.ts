// POST /api/requests: create an order request from JSON — the offline queue's replay (components/offline/) and the
// first endpoint of the public API (docs/architecture.md "Offline request queue and the first API endpoint").
// Body: { company, type, locationId, lines: [{ productId, quantity }], reference?, note? }; header Idempotency-Key: a
// UUID, the client request id. The same lib function as the request form (createOrderRequest: exactly once per key,
// CONFLICT when the key comes back with other contents or from someone else). The company is explicit, refused like
// a form's on a mismatch (checkCompany). 201 + Location when created, 200 with the same body when this key already
// created it; every error is problem+json (lib/http/api-route.ts). A queued request also names the person who composed it
// (REQUESTER_HEADER): sent with anyone else's session it is a 401, so the queue keeps it for its owner.
import { checkCompany } from "@/lib/action";
import { absoluteUrl } from "@/lib/email/links";
import { AppError } from "@/lib/errors";
import { idempotencyKey, readJsonBody, tenantApiRoute } from "@/lib/http/api-route";
import { createOrderRequest } from "@/lib/orders/create-order-request";
import { REQUESTER_HEADER } from "@/lib/offline/outbox";
import { formatOrderNumber } from "@/lib/orders/order-fields";

export const dynamic = "force-dynamic";

export const POST = tenantApiRoute(async (ctx, request) => {
  const requester = request.headers.get(REQUESTER_HEADER);
  if (requester !== null && requester !== ctx.userId) {
    throw new AppError("UNAUTHENTICATED", "This request was saved by another person: it is sent when they sign in.");
  }
  const clientRequestId = idempotencyKey(request);
  const body = await readJsonBody(request);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw AppError.validation({ _form: ["Send the request as a JSON object."] });
  }
  const { company, ...draft } = body as Record<string, unknown>;
  if (typeof company !== "string") {
    throw AppError.validation({ company: ["Company: send the id of the company this request is for."] });
  }
  checkCompany(ctx, company);
  const order = await createOrderRequest(ctx, { ...draft, clientRequestId }).catch((error: unknown) => {
    // The key is a header here, not a member of the body: a CONFLICT on it is said by the detail alone.
    if (error instanceof AppError && error.fieldErrors?.clientRequestId) throw new AppError(error.code, error.message);
    throw error;
  });
  const url = absoluteUrl(`/requests/${order.id}`);
  return Response.json(
    { id: order.id, number: formatOrderNumber(order.number), url },
    {
      status: order.created ? 201 : 200,
      headers: { "cache-control": "no-store", ...(order.created && { location: url }) },
    },
  );
});
