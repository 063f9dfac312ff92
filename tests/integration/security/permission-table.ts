// Who may call each server action and route handler, and with what. tests/integration/security/http-surface.test.ts
// discovers every action from the build's server-reference manifest and every route handler from app/**/route.ts:
// one without an entry here fails the suite, and so does an entry for one that no longer exists. Each action is then
// called over HTTP signed out, as each role of company A and as a platform administrator with no membership;
// a caller not in `allowed` must be refused and change nothing, one in `allowed` must not be refused for who they
// are. Actions that take ids are also called by an allowed member with company B's ids: refused, nothing changed.
//
// Adding an action: key "<file>#<exportedName>" (the manifest's filename and export), list who may call it, and
// give arguments that would succeed for an allowed caller (`form(...)` is the FormData argument of a
// useActionState action; the state argument is `undefined`; a bound argument, such as an invitation token, comes
// first). Adding a route handler: key "<METHOD> <path as in app/, route groups dropped>".
import { randomUUID } from "node:crypto";
import type { Caller, Company, World } from "./world";

export class Form {
  constructor(readonly fields: Record<string, string | Blob>) {}
}
export const form = (fields: Record<string, string | Blob>) => new Form(fields);
export type Arg = string | undefined | Form;

export interface ActionEntry {
  allowed: readonly Caller[];
  /** The arguments, aimed at `co`'s rows: the caller's company, or company B's for the foreign-ids check. */
  args: (w: World, co: Company) => Arg[];
  /** Takes ids of a company's rows: an allowed member passing company B's must be refused. */
  ids?: boolean;
  /** The page to post to when the action's page has a dynamic segment. */
  page?: (w: World) => string;
  /** Needs a one-time token from an email, which no caller here has: an allowed caller gets the token's refusal. */
  tokenGated?: boolean;
  /** A refusal this action answers with besides UNAUTHENTICATED, FORBIDDEN and NOT_FOUND. */
  refusal?: string;
}

export interface RouteEntry {
  allowed: readonly Caller[];
  /** The URL to request (query included), when it is not the route's path: the world's ids for a dynamic segment. */
  url?: string | ((w: World) => string);
}

const EVERYONE: readonly Caller[] = ["signedOut", "staff", "manager", "admin", "platformAdmin"];
const SIGNED_IN: readonly Caller[] = ["staff", "manager", "admin", "platformAdmin"];
const MEMBERS: readonly Caller[] = ["staff", "manager", "admin"];
const MANAGERS: readonly Caller[] = ["manager", "admin"];
const ADMINS: readonly Caller[] = ["admin"];
const PLATFORM: readonly Caller[] = ["platformAdmin"];

const csv = (text: string) => new File([text], "items.csv", { type: "text/csv" });
const FAKE_TOKEN = "A".repeat(43);
const PRODUCT = { name: "Hinge", unit: "each", costPrice: "1.00", salePrice: "2.00", reorderPoint: "0" };

export const ACTIONS: Record<string, ActionEntry> = {
  "app/(app)/actions.ts#signOutAction": { allowed: SIGNED_IN, args: () => [] },
  "app/(app)/actions.ts#switchCompanyAction": {
    allowed: MEMBERS,
    ids: true,
    args: (_w, co) => [undefined, form({ companyId: co.companyId })],
  },
  "app/(app)/locations/actions.ts#createLocationAction": {
    allowed: MANAGERS,
    args: () => [undefined, form({ name: `Bay ${randomUUID().slice(0, 8)}`, code: "" })],
  },
  "app/(app)/locations/actions.ts#renameLocationAction": {
    allowed: MANAGERS,
    ids: true,
    args: (_w, co) => [undefined, form({ locationId: co.locationId, name: `Main ${randomUUID().slice(0, 8)}` })],
  },
  "app/(app)/locations/actions.ts#archiveLocationAction": {
    allowed: MANAGERS,
    ids: true,
    args: (_w, co) => [undefined, form({ locationId: co.spareLocationId })],
  },
  "app/(app)/locations/actions.ts#restoreLocationAction": {
    allowed: MANAGERS,
    ids: true,
    args: (_w, co) => [undefined, form({ locationId: co.archivedLocationId })],
  },
  "app/(app)/locations/actions.ts#setDefaultLocationAction": {
    allowed: MANAGERS,
    ids: true,
    args: (_w, co) => [undefined, form({ locationId: co.locationId })],
  },
  "app/(app)/locations/actions.ts#recordStocktakeAction": {
    allowed: MANAGERS,
    ids: true,
    args: (_w, co) => [
      undefined,
      form({ operationId: randomUUID(), locationId: co.locationId, [`count.${co.productId}`]: "12", note: "" }),
    ],
  },
  "app/(app)/stocktakes/actions.ts#startStocktakeAction": {
    allowed: MANAGERS,
    ids: true,
    args: (_w, co) => [
      undefined,
      form({ locationId: co.locationId, blind: "on", recountUnits: "2", recountPercent: "" }),
    ],
  },
  "app/(app)/stocktakes/actions.ts#countStocktakeAction": {
    allowed: MEMBERS,
    ids: true,
    page: (w) => `/stocktakes/${w.a.openStocktakeId}`,
    args: (_w, co) => [
      undefined,
      form({ operationId: randomUUID(), stocktakeId: co.openStocktakeId, productId: co.productId, counted: "7" }),
    ],
  },
  "app/(app)/stocktakes/actions.ts#finishStocktakeAction": {
    allowed: MANAGERS,
    ids: true,
    page: (w) => `/stocktakes/${w.a.openStocktakeId}`,
    args: (_w, co) => [undefined, form({ stocktakeId: co.openStocktakeId, version: "1" })],
  },
  "app/(app)/stocktakes/actions.ts#bookStocktakeAction": {
    allowed: MANAGERS,
    ids: true,
    page: (w) => `/stocktakes/${w.a.countedStocktakeId}`,
    args: (_w, co) => [
      undefined,
      form({ operationId: randomUUID(), stocktakeId: co.countedStocktakeId, version: "2" }),
    ],
  },
  "app/(app)/stocktakes/actions.ts#cancelStocktakeAction": {
    allowed: MANAGERS,
    ids: true,
    page: (w) => `/stocktakes/${w.a.openStocktakeId}`,
    args: (_w, co) => [undefined, form({ stocktakeId: co.openStocktakeId, version: "1" })],
  },
  "app/(app)/products/actions.ts#createProductAction": {
    allowed: MANAGERS,
    args: () => [undefined, form({ ...PRODUCT, sku: `SEC-${randomUUID().slice(0, 8)}` })],
  },
  "app/(app)/products/actions.ts#updateProductAction": {
    allowed: MANAGERS,
    ids: true,
    args: (_w, co) => [
      undefined,
      form({ id: co.productId, version: "1", ...PRODUCT, sku: `SEC-${randomUUID().slice(0, 8)}` }),
    ],
  },
  "app/(app)/products/actions.ts#archiveProductAction": {
    allowed: MANAGERS,
    ids: true,
    args: (_w, co) => [undefined, form({ id: co.productId, version: "1" })],
  },
  "app/(app)/products/actions.ts#restoreProductAction": {
    allowed: MANAGERS,
    ids: true,
    args: (_w, co) => [undefined, form({ id: co.productId, version: "1" })],
  },
  "app/(app)/products/actions.ts#resolveProductDuplicateAction": {
    allowed: MANAGERS,
    ids: true,
    args: (_w, co) => [
      undefined,
      form({ id: co.productId, version: "1", sku: `SEC-${randomUUID().slice(0, 8)}`, barcode: "" }),
    ],
  },
  // A product's suppliers: the fixture's product and its preferred supplier (tests/factories/company.ts).
  "app/(app)/products/actions.ts#saveProductSupplierAction": {
    allowed: MANAGERS,
    ids: true,
    args: (_w, co) => [
      undefined,
      form({
        productId: co.productId,
        supplierId: co.team.fixture.supplierId,
        supplierSku: "SEC-1",
        purchasePrice: "1.00",
        leadTimeDays: "3",
        preferred: "on",
      }),
    ],
  },
  "app/(app)/products/actions.ts#preferProductSupplierAction": {
    allowed: MANAGERS,
    ids: true,
    args: (_w, co) => [undefined, form({ productId: co.productId, supplierId: co.team.fixture.supplierId })],
  },
  "app/(app)/products/actions.ts#removeProductSupplierAction": {
    allowed: MANAGERS,
    ids: true,
    args: (_w, co) => [undefined, form({ productId: co.productId, supplierId: co.team.fixture.supplierId })],
  },
  "app/(app)/products/actions.ts#setLocationReorderPointAction": {
    allowed: MANAGERS,
    ids: true,
    page: (w) => `/products/${w.a.productId}`,
    args: (_w, co) => [undefined, form({ productId: co.productId, locationId: co.spareLocationId, reorderPoint: "4" })],
  },
  "app/(app)/products/import/actions.ts#importProductsAction": {
    allowed: MANAGERS,
    args: () => [
      undefined,
      form({ file: csv("sku,name,unit\nSEC-IMPORT,Bracket,each\n"), intent: "commit", operationId: randomUUID() }),
    ],
  },
  "app/(app)/products/import/actions.ts#importStockLevelsAction": {
    allowed: MANAGERS,
    args: () => [
      undefined,
      form({ file: csv("sku,location,on_hand\nNOPE,Main,3\n"), intent: "commit", operationId: randomUUID() }),
    ],
  },
  "app/(app)/partners/actions.ts#createPartnerAction": {
    allowed: MANAGERS,
    args: () => [undefined, form({ kind: "supplier", name: `Supplier ${randomUUID().slice(0, 8)}`, email: "" })],
  },
  "app/(app)/partners/actions.ts#updatePartnerAction": {
    allowed: MANAGERS,
    ids: true,
    page: (w) => `/customers/${w.a.customerId}/edit`,
    args: (_w, co) => [
      undefined,
      form({ kind: "customer", id: co.customerId, version: "1", name: `Customer ${randomUUID().slice(0, 8)}` }),
    ],
  },
  "app/(app)/partners/actions.ts#archivePartnerAction": {
    allowed: MANAGERS,
    ids: true,
    page: (w) => `/suppliers/${w.a.supplierId}`,
    args: (_w, co) => [undefined, form({ kind: "supplier", id: co.supplierId, version: "1" })],
  },
  "app/(app)/partners/actions.ts#restorePartnerAction": {
    allowed: MANAGERS,
    ids: true,
    page: (w) => `/suppliers/${w.a.archivedSupplierId}`,
    args: (_w, co) => [undefined, form({ kind: "supplier", id: co.archivedSupplierId, version: "1" })],
  },
  "app/(app)/partners/actions.ts#importPartnersAction": {
    allowed: MANAGERS,
    args: () => [
      undefined,
      form({
        kind: "customer",
        file: csv("name,email\nSEC Import Customer,orders@import.test\n"),
        intent: "commit",
        operationId: randomUUID(),
      }),
    ],
  },
  "app/(app)/profile/actions.ts#updateNameAction": {
    allowed: SIGNED_IN,
    args: () => [undefined, form({ name: "Renamed Person" })],
  },
  "app/(app)/profile/actions.ts#changeEmailAction": {
    allowed: SIGNED_IN,
    args: () => [undefined, form({ email: `moved-${randomUUID().slice(0, 8)}@security.test`, currentPassword: "x" })],
  },
  "app/(app)/profile/actions.ts#changeProfilePasswordAction": {
    allowed: SIGNED_IN,
    args: () => [
      undefined,
      form({
        currentPassword: "x",
        newPassword: "a much longer password 1",
        confirmPassword: "a much longer password 1",
      }),
    ],
  },
  "app/(app)/profile/actions.ts#updateNotificationsAction": {
    allowed: MEMBERS,
    args: () => [undefined, form({ kind: "order.created", enabled: "order.created" })],
  },
  "app/(app)/profile/actions.ts#revokeSessionAction": {
    allowed: SIGNED_IN,
    ids: true,
    // Another person's session: company B's admin's.
    args: (_w, co) => [undefined, form({ sessionId: co.sessionId })],
  },
  "app/(app)/profile/actions.ts#signOutEverywhereAction": { allowed: SIGNED_IN, args: () => [undefined] },
  "app/(app)/profile/actions.ts#subscribePushAction": {
    allowed: MEMBERS,
    args: () => [
      undefined,
      form({
        endpoint: `https://fcm.googleapis.com/fcm/send/${randomUUID()}`,
        p256dh: `B${"A".repeat(86)}`,
        auth: "A".repeat(22),
      }),
    ],
  },
  "app/(app)/profile/actions.ts#unsubscribePushAction": {
    allowed: MEMBERS,
    args: () => [undefined, form({ endpoint: `https://fcm.googleapis.com/fcm/send/${randomUUID()}` })],
  },
  "app/(app)/profile/actions.ts#cancelEmailChangeAction": { allowed: SIGNED_IN, args: () => [undefined, form({})] },
  "app/(app)/actions.ts#resendEmailConfirmationAction": { allowed: SIGNED_IN, args: () => [undefined, form({})] },
  "app/(app)/reorder/actions.ts#draftRestockAction": {
    // Whoever may raise a request may draft one from the suggestions; the request then waits for a decision. With
    // nothing low in the world's company, an allowed caller is told there is nothing to order (a CONFLICT about the
    // data, not the caller); another company's location is NOT_FOUND before anything is read.
    allowed: MEMBERS,
    ids: true,
    args: (_w, co) => [
      undefined,
      form({ clientRequestId: randomUUID(), supplierId: "none", locationId: co.locationId }),
    ],
  },
  "app/(app)/requests/actions.ts#approveOrderAction": {
    allowed: MANAGERS,
    ids: true,
    page: (w) => `/requests/${w.a.orderId}`,
    args: (_w, co) => [undefined, form({ orderId: co.orderId, version: "1", note: "" })],
  },
  "app/(app)/requests/actions.ts#rejectOrderAction": {
    allowed: MANAGERS,
    ids: true,
    page: (w) => `/requests/${w.a.orderId}`,
    args: (_w, co) => [undefined, form({ orderId: co.orderId, version: "1", note: "Not needed" })],
  },
  "app/(app)/requests/actions.ts#fulfilOrderAction": {
    allowed: MANAGERS,
    ids: true,
    page: (w) => `/requests/${w.a.orderId}`,
    args: (_w, co) => [undefined, form({ orderId: co.orderId, version: "1", note: "" })],
  },
  "app/(app)/requests/actions.ts#closeOrderAction": {
    allowed: MANAGERS,
    ids: true,
    page: (w) => `/requests/${w.a.orderId}`,
    args: (_w, co) => [undefined, form({ orderId: co.orderId, version: "1", note: "The rest is not coming" })],
  },
  "app/(app)/requests/actions.ts#cancelOrderAction": {
    allowed: MANAGERS,
    ids: true,
    page: (w) => `/requests/${w.a.orderId}`,
    args: (_w, co) => [undefined, form({ orderId: co.orderId, version: "1", note: "" })],
  },
  "app/(app)/requests/form-actions.ts#createOrderAction": {
    allowed: MEMBERS,
    ids: true,
    args: (_w, co) => [
      undefined,
      form({
        clientRequestId: randomUUID(),
        type: "CUSTOMER_ORDER",
        locationId: co.locationId,
        "lines.0.productId": co.productId,
        "lines.0.quantity": "1",
      }),
    ],
  },
  "app/(app)/requests/form-actions.ts#updateOrderAction": {
    // Only the requester may edit a pending request; the target member requested it, and is no caller. The lib
    // refuses anyone else as a transition the request cannot make.
    allowed: [],
    refusal: "INVALID_TRANSITION",
    ids: true,
    args: (_w, co) => [
      undefined,
      form({
        orderId: co.orderId,
        version: "1",
        type: "CUSTOMER_ORDER",
        locationId: co.locationId,
        "lines.0.productId": co.productId,
        "lines.0.quantity": "1",
      }),
    ],
  },
  "app/(app)/settings/actions.ts#updateCompanySettingsAction": {
    allowed: ADMINS,
    args: () => [
      undefined,
      form({ name: "Renamed Company", timeZone: "UTC", currency: "EUR", updatedAt: "2026-01-01T00:00:00.000Z" }),
    ],
  },
  "app/(app)/stock/actions.ts#adjustStockAction": {
    allowed: MANAGERS,
    ids: true,
    args: (_w, co) => [
      undefined,
      form({
        operationId: randomUUID(),
        productId: co.productId,
        locationId: co.locationId,
        mode: "change",
        quantity: "1",
        reason: "Found",
      }),
    ],
  },
  "app/(app)/stock/actions.ts#transferStockAction": {
    allowed: MANAGERS,
    ids: true,
    args: (_w, co) => [
      undefined,
      form({
        operationId: randomUUID(),
        productId: co.productId,
        fromLocationId: co.locationId,
        toLocationId: co.spareLocationId,
        quantity: "1",
        note: "",
      }),
    ],
  },
  "app/(app)/users/actions.ts#inviteMemberAction": {
    allowed: ADMINS,
    args: () => [undefined, form({ email: `invited-${randomUUID().slice(0, 8)}@security.test`, role: "STAFF" })],
  },
  "app/(app)/users/actions.ts#createMemberAction": {
    allowed: ADMINS,
    args: () => [
      undefined,
      form({
        email: `created-${randomUUID().slice(0, 8)}@security.test`,
        name: "Created Member",
        role: "STAFF",
        temporaryPassword: "temporary password 12345",
      }),
    ],
  },
  "app/(app)/users/actions.ts#changeMemberRoleAction": {
    allowed: ADMINS,
    ids: true,
    args: (_w, co) => [undefined, form({ membershipId: co.target.membershipId, role: "MANAGER" })],
  },
  "app/(app)/users/actions.ts#deactivateMemberAction": {
    allowed: ADMINS,
    ids: true,
    args: (_w, co) => [undefined, form({ membershipId: co.target.membershipId })],
  },
  "app/(app)/users/actions.ts#reactivateMemberAction": {
    allowed: ADMINS,
    ids: true,
    args: (_w, co) => [undefined, form({ membershipId: co.target.membershipId })],
  },
  "app/(app)/users/actions.ts#resetMemberPasswordAction": {
    allowed: ADMINS,
    ids: true,
    args: (_w, co) => [
      undefined,
      form({ membershipId: co.target.membershipId, temporaryPassword: "temporary password 12345" }),
    ],
  },
  "app/(app)/users/actions.ts#resendInvitationAction": {
    allowed: ADMINS,
    ids: true,
    args: (_w, co) => [undefined, form({ invitationId: co.invitationId })],
  },
  "app/(app)/users/actions.ts#revokeInvitationAction": {
    allowed: ADMINS,
    ids: true,
    args: (_w, co) => [undefined, form({ invitationId: co.invitationId })],
  },
  "app/change-password/actions.ts#changePasswordAction": {
    allowed: SIGNED_IN,
    args: () => [
      undefined,
      form({
        currentPassword: "x",
        newPassword: "a much longer password 1",
        confirmPassword: "a much longer password 1",
      }),
    ],
  },
  "app/contact/actions.ts#contactAction": {
    allowed: EVERYONE,
    args: () => [
      undefined,
      form({ name: "Visitor", email: "visitor@security.test", topic: "sales", message: "Hello there, a question." }),
    ],
  },
  "app/confirm-email/[token]/actions.ts#confirmEmailAction": {
    allowed: EVERYONE,
    tokenGated: true,
    page: () => `/confirm-email/${FAKE_TOKEN}`,
    args: () => [undefined, form({ token: FAKE_TOKEN })],
  },
  "app/forgot-password/actions.ts#forgotPasswordAction": {
    allowed: EVERYONE,
    args: () => [undefined, form({ email: "nobody@security.test" })],
  },
  "app/invite/[token]/actions.ts#signOutForInvitationAction": {
    allowed: EVERYONE,
    page: () => `/invite/${FAKE_TOKEN}`,
    args: () => [FAKE_TOKEN],
  },
  "app/invite/[token]/actions.ts#acceptAsMemberAction": {
    allowed: SIGNED_IN,
    tokenGated: true,
    page: () => `/invite/${FAKE_TOKEN}`,
    args: () => [FAKE_TOKEN, undefined],
  },
  "app/invite/[token]/actions.ts#acceptWithPasswordAction": {
    allowed: EVERYONE,
    tokenGated: true,
    page: () => `/invite/${FAKE_TOKEN}`,
    args: () => [FAKE_TOKEN, undefined, form({ password: "x" })],
  },
  "app/invite/[token]/actions.ts#acceptAsNewUserAction": {
    allowed: EVERYONE,
    tokenGated: true,
    page: () => `/invite/${FAKE_TOKEN}`,
    args: () => [
      FAKE_TOKEN,
      undefined,
      form({ name: "New", password: "a much longer password 1", confirmPassword: "a much longer password 1" }),
    ],
  },
  "app/platform/actions.ts#setRequireCompanyApprovalAction": {
    allowed: PLATFORM,
    args: () => [undefined, form({ requireCompanyApproval: "true" })],
  },
  "app/platform/actions.ts#changeCompanyStatusAction": {
    allowed: PLATFORM,
    args: (w) => [undefined, form({ companyId: w.b.companyId, change: "suspend" })],
  },
  "app/register/actions.ts#registerAction": {
    allowed: EVERYONE,
    args: () => {
      const suffix = randomUUID().slice(0, 8);
      return [
        undefined,
        form({
          companyName: `Registered ${suffix}`,
          name: "Founder",
          email: `founder-${suffix}@security.test`,
          password: "a much longer password 1",
          confirmPassword: "a much longer password 1",
          timeZone: "UTC",
          currency: "EUR",
        }),
      ];
    },
  },
  "app/reset-password/[token]/actions.ts#resetPasswordAction": {
    allowed: EVERYONE,
    tokenGated: true,
    page: () => `/reset-password/${FAKE_TOKEN}`,
    args: () => [
      undefined,
      form({ token: FAKE_TOKEN, password: "a much longer password 1", confirmPassword: "a much longer password 1" }),
    ],
  },
};

export const ROUTES: Record<string, RouteEntry> = {
  "GET /api/auth/[...nextauth]": { allowed: EVERYONE, url: "/api/auth/session" },
  "POST /api/auth/[...nextauth]": { allowed: EVERYONE, url: "/api/auth/signout" },
  "GET /api/decisions": { allowed: MEMBERS },
  "GET /api/events": { allowed: MEMBERS },
  "GET /api/health": { allowed: EVERYONE },
  "GET /api/ready": { allowed: EVERYONE },
  "GET /api/requests/products": { allowed: MEMBERS, url: "/api/requests/products?q=Widget" },
  // Without a body a member gets 415: past the session check, so "allowed".
  "POST /api/requests": { allowed: MEMBERS },
  "GET /audit/export.csv": { allowed: ADMINS },
  "GET /customers/export.csv": { allowed: MANAGERS },
  "GET /suppliers/export.csv": { allowed: MANAGERS },
  "GET /products/export.csv": { allowed: MANAGERS },
  "GET /products/stock-export.csv": { allowed: MANAGERS },
  "GET /reports/movements/export.csv": { allowed: MANAGERS },
  "GET /reports/slow-movers/export.csv": { allowed: MANAGERS },
  "GET /reports/valuation/export.csv": { allowed: MANAGERS },
  "GET /stocktakes/[id]/variance.csv": {
    allowed: MEMBERS,
    url: (w) => `/stocktakes/${w.a.openStocktakeId}/variance.csv`,
  },
  "GET /api/stocktakes/[id]/products": {
    allowed: MEMBERS,
    url: (w) => `/api/stocktakes/${w.a.openStocktakeId}/products?code=NOPE-1`,
  },
  "GET /serwist/[path]": { allowed: EVERYONE, url: "/serwist/sw.js" },
};
