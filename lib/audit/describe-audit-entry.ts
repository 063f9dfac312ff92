// An audit entry as a sentence a person reads ("Mira Manager approved REQ-000002 — note: looks fine"): the audit
// log viewer's, and plain text for titles and screen readers. One sentence per action the app writes to the
// company's audit log (docs/architecture.md §8, "Audit"); an action this file does not know yet reads as a generic
// sentence. Pure: no server imports, so client components may use it.
//
// The sentence comes as parts: the caller names the actor and links the entity. Names are the ones recorded with the
// entry where it has them (the entity_label column, or a name the payload holds beside an id), else today's, which
// the sentence marks as such; never an id. Payloads are stored JSON from every version of the writers: every value
// is read for the type it should have and left out when it has another, so an older or odd row still gives a sane
// sentence, and nothing here throws.
import { ROLE_LABELS } from "../auth/permissions";
import { notificationKind } from "../notifications/notification-kinds";
import { PARTNER_AUDIT_ACTIONS, PARTNER_KINDS, PARTNER_WORDS, type PartnerKind } from "../partners/partner-kinds";
import { formatStocktakeNumber } from "../stocktakes/stocktake-fields";
import { thresholdText } from "../stocktakes/stocktake-rules";

/** A name in a sentence: as recorded with the entry, or today's (current: true) when the entry recorded none. */
export interface AuditName {
  label: string;
  current: boolean;
}
/** A sentence as parts: text, the actor (who acted, named by the caller), the entry's entity (linked by the caller), or another name. */
export type AuditSentencePart = string | { actor: true } | { entity: AuditName } | { name: AuditName };
export interface DescribableAuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  /** The entity's name as recorded with the entry (a new column, audit_logs.entity_label); null on older rows. */
  recordedLabel: string | null;
  /** The entity's name today (a request's number "REQ-000002", a product's "Name (SKU)", a location's name); null when gone or nameless. */
  currentLabel: string | null;
  before: unknown;
  after: unknown;
  /** Today's names of locations the payload names by id (locationId, fromLocationId, toLocationId, …), for entries that recorded no name. */
  locationNames: Readonly<Record<string, string>>;
}

type Payload = Record<string, unknown>;
/** What a sentence is built from: parts, and nothing where a clause does not apply. */
type Piece = AuditSentencePart | null | undefined | false | Piece[];

interface Entry {
  entry: DescribableAuditEntry;
  before: Payload;
  after: Payload;
}

const ACTOR = { actor: true } as const;
/** A note or reason people typed is cut to this many characters in a sentence. */
const MAX_NOTE_LENGTH = 200;
/** Any other text from a payload (names, file names, paths) is cut to this many. */
const MAX_TEXT_LENGTH = 120;

// ---- Reading the payload: a value only when it has the type it should ----

function isPayload(value: unknown): value is Payload {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const payloadOf = (value: unknown): Payload => (isPayload(value) ? value : {});

/** Text on one line, cut to `max` characters with an ellipsis; null for anything but non-blank text. */
function oneLine(value: unknown, max = MAX_TEXT_LENGTH): string | null {
  if (typeof value !== "string") return null;
  const line = value.replace(/\s+/g, " ").trim();
  if (!line) return null;
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

const text = (payload: Payload, key: string, max?: number) => oneLine(payload[key], max);

function int(payload: Payload, key: string): number | null {
  const value = payload[key];
  return typeof value === "number" && Number.isSafeInteger(value) ? value : null;
}

function bool(payload: Payload, key: string): boolean | null {
  const value = payload[key];
  return typeof value === "boolean" ? value : null;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

const list = (payload: Payload, key: string): unknown[] | null => {
  const value = payload[key];
  return Array.isArray(value) ? value : null;
};

// ---- Words ----

const NUMBER = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const quantity = (value: number) => NUMBER.format(value);

function count(value: number, noun: string, plural = `${noun}s`): string {
  return `${quantity(value)} ${value === 1 ? noun : plural}`;
}

const withArticle = (noun: string) => `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;

/** "order.approved" → "order approved", "recipientName" → "recipient name". */
function words(code: string): string {
  return code
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[._\-\s]+/g, " ")
    .trim()
    .toLowerCase();
}

/** "A", "A and B", "A, B and C". */
function andList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** " — note: …" (or another label: " — reason: …") for what someone typed, or nothing. */
function note(value: unknown, label = "note"): Piece {
  const typed = oneLine(value, MAX_NOTE_LENGTH);
  return typed && ` — ${label}: ${typed}`;
}

/** A role as people read it; a role this file does not know, by its code in words; anything else, nothing. */
function role(payload: Payload, key = "role"): string | null {
  const value = payload[key];
  if (typeof value !== "string") return null;
  if (Object.hasOwn(ROLE_LABELS, value)) return ROLE_LABELS[value as keyof typeof ROLE_LABELS];
  if (!/^[A-Z][A-Z_]{0,31}$/.test(value)) return null;
  const spoken = words(value);
  return spoken.charAt(0).toUpperCase() + spoken.slice(1);
}

// ---- Names ----

const recorded = (label: string): AuditName => ({ label, current: false });

/**
 * The entity's name: recorded with the entry (its column, else a name its payload holds), else today's; null when
 * there is none of them.
 */
function entityName(entry: DescribableAuditEntry, fromPayload?: string | null): AuditName | null {
  if (fromPayload && !oneLine(entry.recordedLabel)) return recorded(fromPayload);
  return auditEntityName(entry.recordedLabel, entry.currentLabel);
}

const KIND: Record<string, string> = {
  order: "a request",
  product: "a product",
  location: "a location",
  supplier: "a supplier",
  customer: "a customer",
  invitation: "an invitation",
  membership: "a member",
  user: "a person",
  company: "the company",
  email: "an email",
  push_subscription: "a device",
  stock_level: "stock levels",
  stocktake: "a stocktake",
  authorization: "an authorization",
};

/** What kind of thing the entity is, for a sentence that has no name for it: "a product". */
function kindOf(entityType: string): string | null {
  if (Object.hasOwn(KIND, entityType)) return KIND[entityType]!;
  const spoken = words(entityType.slice(0, 40));
  return spoken ? withArticle(spoken) : null;
}

/**
 * The entity's name as the viewer and the export show it beside the sentence: recorded with the entry, else today's
 * (marked); null when it has none.
 */
export function auditEntityName(recordedLabel: string | null, currentLabel: string | null): AuditName | null {
  const label = oneLine(recordedLabel);
  if (label) return recorded(label);
  const current = oneLine(currentLabel);
  return current ? { label: current, current: true } : null;
}

/** The entity by its name, else by `unnamed` (its kind in words). */
function entity(entry: DescribableAuditEntry, unnamed: string, fromPayload?: string | null): Piece {
  const name = entityName(entry, fromPayload);
  return name ? { entity: name } : unnamed;
}

/** "product Safety Gloves (L)", "location Cold store"; "a product" without a name. */
function named(entry: DescribableAuditEntry, noun: string, fromPayload?: string | null): Piece {
  const name = entityName(entry, fromPayload);
  return name ? [`${noun} `, { entity: name }] : withArticle(noun);
}

/** A product as the product pages name it: "Name (SKU)". */
function productLabel(payload: Payload): string | null {
  const name = text(payload, "name");
  const sku = text(payload, "sku");
  return name && sku ? `${name} (${sku})` : name;
}

/**
 * A location the payload names: the name recorded beside its id (`locationName` beside `locationId`,
 * `fromLocationName` beside `fromLocationId`), else today's name of that id, else "a location".
 */
function location(entry: DescribableAuditEntry, payload: Payload, prefix = "location"): AuditSentencePart {
  const name = text(payload, `${prefix}Name`);
  if (name) return { name: recorded(name) };
  const today = locationToday(entry, text(payload, `${prefix}Id`));
  return today ? { name: today } : "a location";
}

function locationToday(entry: DescribableAuditEntry, id: string | null): AuditName | null {
  if (!id || !isPayload(entry.locationNames) || !Object.hasOwn(entry.locationNames, id)) return null;
  const label = oneLine(entry.locationNames[id]);
  return label ? { label, current: true } : null;
}

// ---- Shared clauses ----

interface Totals {
  products: number;
}

/**
 * The lines of a request (or the movements of an operation) as a count of products: their quantities are in units of
 * different products (pairs, boxes), which never add up to one total (issue 15, item 4).
 */
function totals(lines: unknown[] | null): Totals | null {
  if (!lines) return null;
  const quantities = lines.map((line) => int(payloadOf(line), "quantity")).filter((q): q is number => q !== null);
  if (quantities.length === 0) return null;
  return { products: quantities.length };
}

const products = ({ products }: Totals) => count(products, "product");

/**
 * What is left on a request's lines (`[{ productId, quantity }]`: still to come, not coming), followed by `what`:
 * one product's quantity as it is ("4 still to come"), several products counted ("the rest of 2 products still to
 * come"), since their units never add up (issue 15, item 4); null when no line has a quantity above 0.
 */
function remainder(lines: unknown[] | null, what: string): string | null {
  const left = (lines ?? [])
    .map((line) => int(payloadOf(line), "quantity"))
    .filter((value): value is number => value !== null && value > 0);
  if (left.length === 0) return null;
  if (left.length === 1) return `${quantity(left[0]!)} ${what}`;
  return `the rest of ${count(left.length, "product")} ${what}`;
}

/** "Cold store (code CS)"-style details in brackets, or nothing. */
const bracketed = (items: (string | null)[]) => {
  const present = items.filter((item): item is string => item !== null);
  return present.length > 0 && ` (${present.join(", ")})`;
};

/** "label from A to B", "label set to B", "label removed (was A)"; nothing when nothing changed. */
function change(label: string, from: string | null, to: string | null): string | null {
  if (from === to) return null;
  if (from && to) return `${label} from ${from} to ${to}`;
  if (to) return `${label} set to ${to}`;
  return `${label} removed (was ${from})`;
}

/** A stored scalar as text: strings as they are, whole numbers formatted. */
function scalar(payload: Payload, key: string): string | null {
  const number = int(payload, key);
  return number !== null ? quantity(number) : text(payload, key, 80);
}

// ---- Sentences, by action ----

type Sentence = (e: Entry) => Piece[];

/** The request with what it is: "restock request REQ-000002". */
const orderRef = (e: Entry, noun: string) => named(e.entry, noun, text(e.after, "number"));
/** The request by its number alone (the number says it is a request). */
const order = (e: Entry) => entity(e.entry, "a request", text(e.after, "number"));

const ORDER_TYPE: Record<string, string> = { RESTOCK: "restock request", CUSTOMER_ORDER: "customer order" };
const orderType = (payload: Payload) => {
  const type = text(payload, "type");
  return type && Object.hasOwn(ORDER_TYPE, type) ? ORDER_TYPE[type]! : null;
};

/** " from supplier Acme" or " for customer Bob's Bikes": the directory entry a request named, by its name then. */
function orderPartner(payload: Payload): Piece {
  const supplierName = text(payload, "supplierName");
  if (supplierName) return [" from supplier ", { name: recorded(supplierName) }];
  const customerName = text(payload, "customerName");
  return customerName && [" for customer ", { name: recorded(customerName) }];
}

function orderCreated(e: Entry): Piece[] {
  const lines = totals(list(e.after, "lines"));
  const reference = text(e.after, "reference", 80);
  const hasLocation = Boolean(text(e.after, "locationName") ?? text(e.after, "locationId"));
  return [
    ACTOR,
    " submitted ",
    orderRef(e, orderType(e.after) ?? "request"),
    hasLocation && [" at ", location(e.entry, e.after)],
    orderPartner(e.after),
    lines && `: ${products(lines)}`,
    reference && `${lines ? "," : ":"} reference ${reference}`,
    note(e.after.note),
  ];
}

function orderEdited(e: Entry): Piece[] {
  const clauses: Piece[] = [];
  const typeChange = change("type", orderType(e.before), orderType(e.after));
  if (typeChange) clauses.push(typeChange);
  const fromId = text(e.before, "locationId");
  const toId = text(e.after, "locationId");
  if (fromId && toId && fromId !== toId) {
    clauses.push(["location from ", location(e.entry, e.before), " to ", location(e.entry, e.after)]);
  }
  const beforeLines = list(e.before, "lines");
  const afterLines = list(e.after, "lines");
  const afterTotals = totals(afterLines);
  if (afterTotals && JSON.stringify(sortedLines(beforeLines)) !== JSON.stringify(sortedLines(afterLines))) {
    const was = totals(beforeLines);
    clauses.push(`lines now ${products(afterTotals)}${was ? ` (was ${products(was)})` : ""}`);
  }
  for (const [key, label] of [
    ["supplierName", "supplier"],
    ["customerName", "customer"],
  ] as const) {
    const partnerChange = change(label, text(e.before, key), text(e.after, key));
    if (partnerChange) clauses.push(partnerChange);
  }
  const referenceChange = change("reference", text(e.before, "reference", 80), text(e.after, "reference", 80));
  if (referenceChange) clauses.push(referenceChange);
  const oldNote = oneLine(e.before.note, MAX_NOTE_LENGTH);
  const newNote = oneLine(e.after.note, MAX_NOTE_LENGTH);
  if (oldNote && !newNote && "note" in e.after) clauses.push("note removed");
  return [
    ACTOR,
    " edited ",
    order(e),
    clauses.length > 0 && [": ", ...joinPieces(clauses, "; ")],
    newNote !== oldNote && note(newNote),
  ];
}

/** A request's lines in one order, to tell a change of lines from a reordering. */
function sortedLines(lines: unknown[] | null): string[] {
  return (lines ?? [])
    .map((line) => {
      const payload = payloadOf(line);
      return `${text(payload, "productId") ?? ""}:${int(payload, "quantity") ?? ""}`;
    })
    .sort();
}

function joinPieces(pieces: Piece[], separator: string): Piece[] {
  return pieces.flatMap((piece, index) => (index === 0 ? [piece] : [separator, piece]));
}

/**
 * A fulfilment by the status it reached (docs/architecture.md §6): part of the request, leaving a backorder
 * (`backorder`, what is still to come); the rest of a backorder; or the whole request in one go. Rows from before
 * partial fulfilment are all FULFILLED from APPROVED.
 */
function orderFulfilled(e: Entry): Piece[] {
  const movements = list(e.after, "movements");
  const moved = totals(movements);
  const first = payloadOf(movements?.[0]);
  const outgoing = (int(first, "quantity") ?? 0) < 0;
  const partly = text(e.after, "status") === "PARTIALLY_FULFILLED";
  const rest = !partly && text(e.before, "status") === "PARTIALLY_FULFILLED";
  const stillToCome = partly && remainder(list(e.after, "backorder"), "still to come");
  return [
    ACTOR,
    partly ? " fulfilled part of " : rest ? " fulfilled the rest of " : " fulfilled ",
    order(e),
    moved && [
      outgoing ? `, shipping ${products(moved)} from ` : `, receiving ${products(moved)} at `,
      location(e.entry, first),
    ],
    stillToCome && `; ${stillToCome}`,
    note(e.after.note),
  ];
}

/** An approval: the lines approved below what was requested (`changed`), and what a customer order reserved. */
function orderApproved(e: Entry): Piece[] {
  const lowered = (list(e.after, "changed") ?? []).filter((line) => {
    const from = int(payloadOf(line), "from");
    const to = int(payloadOf(line), "to");
    return from !== null && to !== null && to < from;
  }).length;
  const reserved = totals(list(e.after, "reserved"));
  return [
    ACTOR,
    " approved ",
    order(e),
    lowered > 0 && ` with ${count(lowered, "quantity", "quantities")} lowered`,
    reserved && `, reserving stock for ${products(reserved)}`,
    note(e.after.note),
  ];
}

/**
 * Closing a backorder (lib/orders/close-order-request.ts): what is not coming (`notComing`), whether a customer
 * order's reservation for it was released (`released`), and the reason, which closing requires.
 */
function orderClosed(e: Entry): Piece[] {
  const notComing = remainder(list(e.after, "notComing"), "not coming");
  const released = totals(list(e.after, "released"));
  return [
    ACTOR,
    " closed ",
    order(e),
    released && ", releasing the stock still reserved for it",
    notComing && ` — ${notComing}`,
    note(e.after.note, "reason"),
  ];
}

/** "Mira set the reorder point of Gloves (GL-L) at Main warehouse to 5, was none" (lib/stock/set-location-reorder-point.ts). */
function reorderPointSet(e: Entry): Piece[] {
  const point = (value: number | null) => (value === null ? "none" : quantity(value));
  const now = int(e.after, "reorderPoint");
  const was = int(e.before, "reorderPoint");
  return [
    ACTOR,
    now === null ? " cleared the reorder point of " : " set the reorder point of ",
    entity(e.entry, "a product"),
    " at ",
    location(e.entry, e.after),
    now !== null && ` to ${quantity(now)}`,
    `, was ${point(was)}`,
  ];
}

function stockAdjusted(e: Entry): Piece[] {
  const product = entity(e.entry, "a product");
  const where = location(e.entry, e.after);
  const mode = text(e.after, "mode");
  const amount = int(e.after, "quantity");
  const reason = note(e.after.reason);
  // The ledger's movement: what the stock was before (balance after − change) and is now.
  const movement = payloadOf(list(e.after, "movements")?.[0]);
  const moved = int(movement, "quantity");
  const now = int(movement, "balanceAfter");
  const was = moved !== null && now !== null ? now - moved : null;
  if (mode === "set" && amount !== null) {
    return [
      ACTOR,
      " set ",
      product,
      " at ",
      where,
      ` to ${quantity(amount)}`,
      was !== null && `, was ${quantity(was)}`,
      reason,
    ];
  }
  if (mode === "change" && amount !== null && amount !== 0) {
    const range = was !== null && now !== null && `, bringing it from ${quantity(was)} to ${quantity(now)}`;
    return amount > 0
      ? [ACTOR, ` added ${quantity(amount)} to `, product, " at ", where, range, reason]
      : [ACTOR, ` removed ${quantity(-amount)} from `, product, " at ", where, range, reason];
  }
  return [ACTOR, " adjusted the stock of ", product, " at ", where, reason];
}

function stockInitial(e: Entry): Piece[] {
  const movements = list(e.after, "movements");
  const booked = totals(movements);
  const product = entity(e.entry, "a product");
  if (!booked) return [ACTOR, " booked the opening stock of ", product];
  const at: Piece =
    booked.products === 1
      ? [" at ", location(e.entry, payloadOf(movements![0]))]
      : ` at ${count(booked.products, "location")}`;
  // One product: its quantities are of one unit and add up.
  const units = movements!.reduce<number>((sum, line) => sum + Math.abs(int(payloadOf(line), "quantity") ?? 0), 0);
  return [ACTOR, ` booked an opening stock of ${quantity(units)} for `, product, at];
}

function stockTransferred(e: Entry): Piece[] {
  const amount = int(e.after, "quantity");
  return [
    ACTOR,
    amount !== null ? ` moved ${quantity(amount)} of ` : " moved stock of ",
    entity(e.entry, "a product"),
    " from ",
    location(e.entry, e.after, "fromLocation"),
    " to ",
    location(e.entry, e.after, "toLocation"),
    note(e.after.note),
  ];
}

function stocktake(e: Entry): Piece[] {
  const counted = int(e.after, "counted");
  const changed = int(e.after, "changed");
  const where =
    entityName(e.entry, text(e.after, "locationName")) ?? locationToday(e.entry, text(e.after, "locationId"));
  return [
    ACTOR,
    " recorded a stocktake at ",
    where ? { entity: where } : "a location",
    counted !== null && `: ${count(counted, "product")} counted`,
    counted !== null && changed !== null && (changed === 0 ? ", none changed" : `, ${quantity(changed)} changed`),
    note(e.after.note),
  ];
}

// ---- Stocktake documents (lib/stocktakes/*): the entity is the stocktake, labelled by its number ----

/** The stocktake by its number as recorded ("ST-000003"), else the number its payload holds. */
function stocktakeDocument(e: Entry): Piece {
  const number = int(e.after, "number");
  return entity(e.entry, "a stocktake", number !== null && number > 0 ? formatStocktakeNumber(number) : null);
}

/** " at Main warehouse", from the location name the payload recorded (or today's name of its id). */
function stocktakeLocation(e: Entry): Piece {
  const at = location(e.entry, e.after);
  return at === "a location" ? null : [" at ", at];
}

function stocktakeStarted(e: Entry): Piece[] {
  const blind = bool(e.after, "blind");
  const units = int(e.after, "recountUnits");
  const percent = int(e.after, "recountPercent");
  const lines = int(e.after, "lines");
  const recount = units !== null || percent !== null ? `recount ${thresholdText({ units, percent })}` : null;
  return [
    ACTOR,
    " started ",
    stocktakeDocument(e),
    stocktakeLocation(e),
    bracketed([blind ? "blind" : null, recount]),
    lines !== null && `, ${count(lines, "product")} listed`,
  ];
}

function stocktakeCounted(e: Entry): Piece[] {
  const counted = int(e.after, "counted");
  const replaced = int(e.after, "replacedCount");
  const product = productLabel(e.after);
  const recount = e.entry.action === "stocktake.recounted";
  return [
    ACTOR,
    recount ? " recounted " : " counted ",
    counted !== null && `${quantity(counted)} of `,
    product ? { name: recorded(product) } : "a product",
    " on ",
    stocktakeDocument(e),
    replaced !== null && `, replacing ${recount ? "the first count" : "a count"} of ${quantity(replaced)}`,
  ];
}

function stocktakeFinished(e: Entry): Piece[] {
  const counted = int(e.after, "counted");
  const notCounted = int(e.after, "notCounted");
  const flagged = int(e.after, "flagged");
  const outcome = [
    counted !== null ? `${count(counted, "product")} counted` : null,
    notCounted !== null && notCounted > 0 ? `${quantity(notCounted)} not counted` : null,
    flagged !== null && flagged > 0 ? `${quantity(flagged)} to recount` : null,
  ].filter((item): item is string => item !== null);
  return [
    ACTOR,
    " finished counting ",
    stocktakeDocument(e),
    stocktakeLocation(e),
    outcome.length > 0 && `: ${outcome.join(", ")}`,
  ];
}

function stocktakeBooked(e: Entry): Piece[] {
  const counted = int(e.after, "counted");
  const changed = int(e.after, "changed");
  return [
    ACTOR,
    " booked ",
    stocktakeDocument(e),
    stocktakeLocation(e),
    counted !== null && `: ${count(counted, "product")} counted`,
    counted !== null && changed !== null && (changed === 0 ? ", none changed" : `, ${quantity(changed)} changed`),
  ];
}

/** "from stock.csv (120 rows): 30 changed, 90 unchanged" for an import's counts. */
function imported(payload: Payload, counts: [key: string, label: string][]): Piece[] {
  const file = text(payload, "fileName");
  const rows = int(payload, "rows");
  const outcome = counts
    .map(([key, label]) => {
      const value = int(payload, key);
      return value === null ? null : `${quantity(value)} ${label}`;
    })
    .filter((item): item is string => item !== null);
  return [
    file && ` from ${file}`,
    rows !== null && ` (${count(rows, "row")})`,
    outcome.length > 0 && `: ${outcome.join(", ")}`,
  ];
}

const PRODUCT_FIELDS: [key: string, label: string][] = [
  ["name", "name"],
  ["sku", "SKU"],
  ["category", "category"],
  ["unit", "unit"],
  ["packSize", "pack size"],
  ["barcode", "barcode"],
  ["costPrice", "cost price"],
  ["salePrice", "sale price"],
  ["reorderPoint", "reorder point"],
  ["reorderQuantity", "reorder quantity"],
  ["targetLevel", "target level"],
];

function productUpdated(e: Entry): Piece[] {
  const clauses = PRODUCT_FIELDS.map(([key, label]) => change(label, scalar(e.before, key), scalar(e.after, key)));
  // A description is too long to quote in a sentence: that it changed is enough.
  const oldDescription = text(e.before, "description", Infinity);
  const newDescription = text(e.after, "description", Infinity);
  if (oldDescription !== newDescription) {
    clauses.push(
      !newDescription ? "description removed" : !oldDescription ? "description added" : "description changed",
    );
  }
  const changes = clauses.filter((clause): clause is string => clause !== null);
  return [
    ACTOR,
    " updated ",
    named(e.entry, "product", productLabel(e.after)),
    changes.length > 0 && `: ${changes.join("; ")}`,
  ];
}

function productCreated(e: Entry): Piece[] {
  const opening = payloadOf(e.after.opening);
  const amount = int(opening, "quantity");
  return [
    ACTOR,
    " created ",
    named(e.entry, "product", productLabel(e.after)),
    amount !== null && [` with an opening stock of ${quantity(amount)} at `, location(e.entry, opening)],
  ];
}

/** A supplier a product link names: the name recorded beside its id, else "a supplier". */
function supplier(payload: Payload, prefix = "supplier"): AuditSentencePart {
  const name = text(payload, `${prefix}Name`);
  return name ? { name: recorded(name) } : "a supplier";
}

/** A link's lead time: "5 days", "1 day". */
function leadTime(payload: Payload): string | null {
  const days = int(payload, "leadTimeDays");
  return days === null ? null : count(days, "day");
}

/** A link's terms as they are: "part number AC-1, purchase price 2.10, lead time 5 days". */
function linkTerms(payload: Payload): string[] {
  const sku = text(payload, "supplierSku", 64);
  const price = text(payload, "purchasePrice", 20);
  const days = leadTime(payload);
  return [sku && `part number ${sku}`, price && `purchase price ${price}`, days && `lead time ${days}`].filter(
    (term): term is string => Boolean(term),
  );
}

/** " instead of Acme Ltd" when marking this supplier preferred took the mark from another. */
function insteadOf(after: Payload): Piece {
  const previous = payloadOf(after.previousPreferred);
  return text(previous, "supplierName") !== null && [" instead of ", supplier(previous)];
}

/** Adding a supplier to a product (lib/products/product-suppliers.ts). */
function productSupplierLinked(e: Entry): Piece[] {
  const terms = linkTerms(e.after);
  return [
    ACTOR,
    " added supplier ",
    supplier(e.after),
    " to ",
    named(e.entry, "product"),
    terms.length > 0 && `: ${terms.join(", ")}`,
    bool(e.after, "preferred") === true && [", as the preferred supplier", insteadOf(e.after)],
  ];
}

/** A changed link: each term from what it was to what it is, and the preferred mark given or taken. */
function productSupplierUpdated(e: Entry): Piece[] {
  const changes = [
    change("part number", text(e.before, "supplierSku", 64), text(e.after, "supplierSku", 64)),
    change("purchase price", text(e.before, "purchasePrice", 20), text(e.after, "purchasePrice", 20)),
    change("lead time", leadTime(e.before), leadTime(e.after)),
  ].filter((clause): clause is string => clause !== null);
  const was = bool(e.before, "preferred");
  const now = bool(e.after, "preferred");
  const preferred: Piece =
    now === true && was !== true
      ? [changes.length > 0 ? "; " : ": ", "now the preferred supplier", insteadOf(e.after)]
      : now === false && was === true && `${changes.length > 0 ? "; " : ": "}no longer the preferred supplier`;
  return [
    ACTOR,
    " changed supplier ",
    supplier(e.after),
    " of ",
    named(e.entry, "product"),
    changes.length > 0 && `: ${changes.join("; ")}`,
    preferred,
  ];
}

const PARTNER_FIELDS: [key: string, label: string][] = [
  ["name", "name"],
  ["contactName", "contact"],
  ["email", "email"],
  ["phone", "phone"],
];

/** A supplier's or customer's sentences (lib/partners/*): one set, worded for the kind. */
function partnerSentences(kind: PartnerKind): Record<string, Sentence> {
  const { one, many } = PARTNER_WORDS[kind];
  const actions = PARTNER_AUDIT_ACTIONS[kind];
  const partner = (e: Entry) => named(e.entry, one, text(e.after, "name") ?? text(e.before, "name"));
  return {
    [actions.created]: (e) => {
      const contact = text(e.after, "contactName");
      return [ACTOR, " added ", partner(e), contact && ` (contact ${contact})`];
    },
    [actions.updated]: (e) => {
      const clauses = PARTNER_FIELDS.map(([key, label]) => change(label, text(e.before, key), text(e.after, key)));
      // Notes are too long to quote in a sentence: that they changed is enough.
      const oldNotes = text(e.before, "notes", Infinity);
      const newNotes = text(e.after, "notes", Infinity);
      if (oldNotes !== newNotes)
        clauses.push(!newNotes ? "notes removed" : !oldNotes ? "notes added" : "notes changed");
      const changes = clauses.filter((clause): clause is string => clause !== null);
      return [ACTOR, " updated ", partner(e), changes.length > 0 && `: ${changes.join("; ")}`];
    },
    [actions.archived]: (e) => [ACTOR, " archived ", partner(e)],
    [actions.restored]: (e) => [ACTOR, " restored ", partner(e)],
    [actions.imported]: (e) => [
      ACTOR,
      ` imported ${many}`,
      ...imported(e.after, [
        ["created", "created"],
        ["updated", "updated"],
        ["unchanged", "unchanged"],
      ]),
    ],
  };
}

const SETTING_FLAGS: Record<string, [on: string, off: string]> = {
  requireSecondApprover: [
    "requests now need a second person's approval",
    "requests no longer need a second person's approval",
  ],
  lowStockAlerts: ["low-stock emails turned on", "low-stock emails turned off"],
  staffSeeMoney: ["staff now see cost prices and stock values", "staff no longer see cost prices and stock values"],
};

const SETTING_VALUES: [key: string, label: string][] = [
  ["name", "name"],
  ["timeZone", "time zone"],
  ["currency", "currency"],
];

function settingsChanged(e: Entry): Piece[] {
  const clauses: string[] = [];
  for (const [key, label] of SETTING_VALUES) {
    const to = text(e.after, key);
    if (to) clauses.push(change(label, text(e.before, key), to) ?? `${label} ${to}`);
  }
  for (const [key, [on, off]] of Object.entries(SETTING_FLAGS)) {
    const value = bool(e.after, key);
    if (value !== null) clauses.push(value ? on : off);
  }
  return [ACTOR, " changed the company settings", clauses.length > 0 && `: ${clauses.join("; ")}`];
}

/** "the company Acme Ltd"; "the company" when the entry names none. */
function company(entry: DescribableAuditEntry, fromPayload?: string | null): Piece {
  const name = entityName(entry, fromPayload);
  return name ? ["the company ", { entity: name }] : "the company";
}

function companyStatus(verb: string): Sentence {
  return (e) => [ACTOR, ` ${verb} `, company(e.entry)];
}

function notificationsChanged(e: Entry): Piece[] {
  const on: string[] = [];
  const off: string[] = [];
  for (const [kind, enabled] of Object.entries(e.after)) {
    if (typeof enabled !== "boolean") continue;
    const label = notificationKind(kind)?.label ?? words(kind.slice(0, 64));
    if (label) (enabled ? on : off).push(`“${label}”`);
  }
  const emails = (labels: string[]) => `the ${andList(labels)} ${labels.length === 1 ? "email" : "emails"}`;
  const clauses = [off.length > 0 && `turned off ${emails(off)}`, on.length > 0 && `turned on ${emails(on)}`].filter(
    (clause): clause is string => Boolean(clause),
  );
  if (clauses.length === 0) return [ACTOR, " changed which emails they receive"];
  return [ACTOR, ` ${clauses.join(" and ")}`];
}

function emailFallback(outcome: "skipped" | "sanitized"): Sentence {
  return (e) => {
    const template = text(e.after, "template", 64);
    const to = text(e.after, "to");
    const fields = (list(e.after, "fields") ?? [])
      .map((field) => (typeof field === "string" ? words(field.slice(0, 64)) : ""))
      .filter(Boolean);
    const its = fields.length > 0 ? `its ${andList(fields)}` : null;
    return [
      ACTOR,
      " caused ",
      template ? `the “${words(template)}” email` : "an email",
      to && ` to ${to}`,
      outcome === "skipped"
        ? `, which was skipped${its ? `: ${its} could not be used` : ""}`
        : `, which was sent with ${its ?? "some of its text"} made safe`,
    ];
  };
}

/** "Firefox on Linux" from a browser's user agent, or null when it says nothing recognisable. */
function device(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browsers: [RegExp, string][] = [
    [/Edg\//, "Edge"],
    [/OPR\//, "Opera"],
    [/Firefox\//, "Firefox"],
    [/Chrome\//, "Chrome"],
    [/Safari\//, "Safari"],
  ];
  const systems: [RegExp, string][] = [
    [/Android/, "Android"],
    [/iPhone|iPad/, "iOS"],
    [/Windows/, "Windows"],
    [/Mac OS X/, "macOS"],
    [/CrOS/, "ChromeOS"],
    [/Linux/, "Linux"],
  ];
  const browser = browsers.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = systems.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? null;
}

/** Someone in the company, as a membership entry names them: recorded label, else the email it recorded. */
const member = (e: Entry) => entity(e.entry, "a member", text(e.after, "email") ?? text(e.before, "email"));

/** "; 2 pending invitations to them were withdrawn; 1 invitation they had sent was withdrawn". */
function withdrawn(e: Entry): Piece[] {
  const toThem = int(e.after, "invitationsRetired") ?? 0;
  const sent = int(e.after, "sentInvitationsRetired") ?? 0;
  return [
    toThem > 0 && `; ${count(toThem, "pending invitation")} to them ${toThem === 1 ? "was" : "were"} withdrawn`,
    sent > 0 && `; ${count(sent, "invitation")} they had sent ${sent === 1 ? "was" : "were"} withdrawn`,
  ];
}

/** "the invitation to bob@x.example"; "an invitation" when the entry names nobody. */
function invitation(e: Entry, payload: Payload): Piece {
  const name = entityName(e.entry, text(payload, "email"));
  return name ? ["the invitation to ", { entity: name }] : "an invitation";
}

const as = (label: string | null) => label && ` as ${label}`;

function invitationAccepted(e: Entry): Piece[] {
  const joinedAs = as(role(e.after));
  if (bool(e.after, "accountCreated") === true) {
    return [ACTOR, " created their account and joined", joinedAs];
  }
  const previously = bool(e.before, "active");
  if (previously === true) {
    const current = role(e.after);
    return [ACTOR, " accepted an invitation but was already a member", current && ` (${current})`];
  }
  return [
    ACTOR,
    previously === false ? " accepted an invitation and rejoined" : " accepted an invitation and joined",
    joinedAs,
  ];
}

function userCreated(e: Entry): Piece[] {
  const name = text(e.after, "name");
  const email = text(e.after, "email");
  const label = entityName(e.entry, name ?? email);
  return [
    ACTOR,
    " created an account for ",
    label ? { entity: label } : "a new member",
    email && label?.label !== email && ` (${email})`,
    as(role(e.after)),
    " with a temporary password",
  ];
}

const SENTENCES: Record<string, Sentence> = {
  // Signing in (lib/auth/sign-in.ts, lib/auth/password-attempts.ts) and refusals (lib/audit/record-forbidden.ts).
  "auth.login": () => [ACTOR, " signed in"],
  "auth.login_failed": () => ["A sign-in as ", ACTOR, " failed"],
  "auth.locked_out": () => ["Sign-in as ", ACTOR, " was locked after too many failed attempts"],
  "auth.forbidden": (e) => {
    // A page's path may hold an id (/requests/<uuid>): the sentence shows where, not which.
    const path = text(e.after, "path")?.replace(UUID, "…");
    const message = text(e.after, "message", MAX_NOTE_LENGTH);
    return [ACTOR, " was refused", as(role(e.after)), path && ` on ${path}`, message && `: “${message}”`];
  },

  // A person's own account (lib/accounts/*, lib/auth/sessions.ts), written by recordUserAudit.
  "user.password_changed": () => [ACTOR, " changed their password"],
  "user.password_reset": () => [ACTOR, " reset their password with an emailed link"],
  "user.signed_out_everywhere": (e) => {
    const ended = int(e.after, "sessionsEnded");
    return [ACTOR, " signed out everywhere", ended !== null && `, ending ${count(ended, "session")}`];
  },
  "user.name_changed": (e) => {
    const from = text(e.before, "name");
    const to = text(e.after, "name");
    return [ACTOR, " changed their name", from && ` from ${from}`, to && ` to ${to}`];
  },
  "user.email_change_requested": (e) => {
    const from = text(e.before, "email");
    const to = text(e.after, "pendingEmail");
    return [
      ACTOR,
      " asked to change their email address",
      from && ` from ${from}`,
      to && ` to ${to}`,
      ", waiting for the new address to confirm it",
    ];
  },
  "user.email_changed": (e) => {
    const from = text(e.before, "email");
    const to = text(e.after, "email");
    return [ACTOR, " changed their email address", from && ` from ${from}`, to && ` to ${to}`];
  },
  "user.email_change_cancelled": (e) => {
    const pending = text(e.before, "pendingEmail");
    return [ACTOR, " cancelled the change of their email address", pending && ` to ${pending}`];
  },
  "user.email_verification_sent": (e) => {
    const email = text(e.after, "email");
    return [ACTOR, " asked for a new link to confirm their email address", email && ` ${email}`];
  },
  "user.email_verified": (e) => {
    const email = text(e.after, "email");
    const by = text(e.after, "by");
    return [
      ACTOR,
      " confirmed their email address",
      email && ` ${email}`,
      by === "link" && " with the emailed link",
      by === "invitation" && " by accepting an invitation",
    ];
  },

  // Members and invitations (lib/users/*, lib/accounts/account-records.ts, lib/accounts/accept-invitation.ts).
  "user.created": userCreated,
  "user.password_reset_by_admin": (e) => [
    ACTOR,
    " set a temporary password for ",
    entity(e.entry, "a member", text(e.after, "email") ?? text(e.before, "email")),
    ", who must choose a new one at their next sign-in",
  ],
  "user.invited": (e) => {
    const replaced = list(e.after, "replacedInvitationIds")?.length ?? 0;
    return [
      ACTOR,
      " invited ",
      entity(e.entry, "someone", text(e.after, "email")),
      as(role(e.after)),
      replaced > 0 && ", replacing the invitation still pending",
    ];
  },
  "invitation.resent": (e) => [ACTOR, " resent ", invitation(e, e.after), as(role(e.after))],
  "invitation.revoked": (e) => [ACTOR, " revoked ", invitation(e, e.before), as(role(e.before))],
  "invitation.accepted": invitationAccepted,
  "membership.role_changed": (e) => {
    const from = role(e.before);
    const to = role(e.after);
    return [
      ACTOR,
      " changed the role of ",
      member(e),
      from && to ? ` from ${from} to ${to}` : to && ` to ${to}`,
      ...withdrawn(e),
    ];
  },
  "membership.deactivated": (e) => {
    const was = role(e.after) ?? role(e.before);
    return [ACTOR, " deactivated ", member(e), was && ` (${was})`, ...withdrawn(e)];
  },
  "membership.reactivated": (e) => [ACTOR, " reactivated ", member(e), as(role(e.after)), ...withdrawn(e)],
  "notifications.changed": notificationsChanged,

  // The company (lib/accounts/register-company.ts, lib/companies/*, lib/platform/change-company-status.ts).
  "company.registered": (e) => [
    ACTOR,
    " registered ",
    company(e.entry, text(e.after, "name")),
    bracketed([
      text(e.after, "timeZone") && `time zone ${text(e.after, "timeZone")}`,
      text(e.after, "currency") && `currency ${text(e.after, "currency")}`,
    ]),
  ],
  "company.settings_changed": settingsChanged,
  "company.approved": companyStatus("approved"),
  "company.suspended": companyStatus("suspended"),
  "company.reactivated": companyStatus("reactivated"),
  "company.seeded": (e) => {
    const products = int(e.after, "products");
    const movements = int(e.after, "movements");
    const loaded = [
      products !== null ? count(products, "product") : null,
      movements !== null ? count(movements, "stock movement") : null,
    ].filter((item): item is string => item !== null);
    return [ACTOR, " loaded the demo data", loaded.length > 0 && `: ${loaded.join(", ")}`];
  },

  // Emails and devices (lib/email/enqueue-email.ts with lib/email/outbox-row.ts, lib/push/*).
  "email.skipped": emailFallback("skipped"),
  "email.sanitized": emailFallback("sanitized"),
  "push.subscribed": (e) => {
    const on = device(text(e.after, "userAgent", 512));
    return [ACTOR, " turned on push notifications on a device", on && ` (${on})`];
  },
  "push.unsubscribed": () => [ACTOR, " turned off push notifications on a device"],

  // Products (lib/products/*); their suppliers (lib/products/product-suppliers.ts).
  "product.created": productCreated,
  "product.updated": productUpdated,
  "product.archived": (e) => [ACTOR, " archived ", named(e.entry, "product", productLabel(e.after))],
  "product.restored": (e) => [ACTOR, " restored ", named(e.entry, "product", productLabel(e.after))],
  "product.supplier_linked": productSupplierLinked,
  "product.supplier_updated": productSupplierUpdated,
  "product.supplier_unlinked": (e) => [
    ACTOR,
    " removed supplier ",
    supplier(e.before),
    " from ",
    named(e.entry, "product"),
    bool(e.before, "preferred") === true && ", which was its preferred supplier",
  ],
  "product.imported": (e) => [
    ACTOR,
    " imported products",
    ...imported(e.after, [
      ["created", "created"],
      ["updated", "updated"],
      ["unchanged", "unchanged"],
    ]),
  ],

  // Locations (lib/locations/*).
  "location.created": (e) => {
    const code = text(e.after, "code", 32);
    return [ACTOR, " created ", named(e.entry, "location", text(e.after, "name")), code && ` (code ${code})`];
  },
  "location.renamed": (e) => {
    const to = text(e.after, "name");
    const from = text(e.before, "name");
    // The old name is the one the entry is about; the new one is in the sentence already.
    const old = from ? recorded(from) : entityName(e.entry);
    return [
      ACTOR,
      " renamed ",
      old && old.label !== to ? ["location ", { entity: old }] : "a location",
      to && [" to ", { name: recorded(to) }],
    ];
  },
  "location.archived": (e) => [ACTOR, " archived ", named(e.entry, "location", text(e.after, "name"))],
  "location.restored": (e) => [ACTOR, " restored ", named(e.entry, "location", text(e.after, "name"))],
  "location.default_set": (e) => {
    const previousId = text(e.before, "defaultLocationId");
    const previousName = text(e.before, "defaultLocationName");
    const previous = previousName || previousId ? location(e.entry, e.before, "defaultLocation") : null;
    return [
      ACTOR,
      " made ",
      entity(e.entry, "a location", text(e.after, "defaultLocationName")),
      " the default location",
      previous && [" instead of ", previous],
    ];
  },

  // Suppliers and customers (PARTNER_AUDIT_ACTIONS, lib/partners/*).
  ...Object.fromEntries(PARTNER_KINDS.flatMap((kind) => Object.entries(partnerSentences(kind)))),

  // Stock (lib/stock/*, lib/products/create-product.ts), written through the ledger (apply-stock-movements.ts).
  "stock.initial": stockInitial,
  "stock.adjusted": stockAdjusted,
  "stock.reorder_point_set": reorderPointSet,
  "stock.transferred": stockTransferred,
  "stock.stocktake": stocktake,
  "stock.imported": (e) => [
    ACTOR,
    " imported stock levels",
    ...imported(e.after, [
      ["changed", "changed"],
      ["unchanged", "unchanged"],
    ]),
  ],

  // Stocktake documents (lib/stocktakes/*).
  "stocktake.started": stocktakeStarted,
  "stocktake.counted": stocktakeCounted,
  "stocktake.recounted": stocktakeCounted,
  "stocktake.finished": stocktakeFinished,
  "stocktake.booked": stocktakeBooked,
  "stocktake.cancelled": (e) => [ACTOR, " cancelled ", stocktakeDocument(e), stocktakeLocation(e)],

  // Requests (ORDER_AUDIT_ACTIONS, lib/orders/order-fields.ts).
  "order.created": orderCreated,
  "order.edited": orderEdited,
  "order.approved": orderApproved,
  "order.rejected": (e) => [ACTOR, " rejected ", order(e), note(e.after.note)],
  "order.fulfilled": orderFulfilled,
  "order.closed": orderClosed,
  "order.cancelled": (e) => {
    const released = totals(list(e.after, "released"));
    return [
      ACTOR,
      " cancelled ",
      order(e),
      released && `, releasing the stock reserved for its ${products(released)}`,
      note(e.after.note),
    ];
  },
};

/**
 * What the audit log's Action filter shows for each action: a short name a person reads ("Request approved"), never
 * the code. Every action with a sentence has one (the test holds them together); an unknown code reads as its words.
 */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  "auth.login": "Signed in",
  "auth.login_failed": "Sign-in failed",
  "auth.locked_out": "Sign-in locked",
  "auth.forbidden": "Action refused",
  "user.password_changed": "Password changed",
  "user.password_reset": "Password reset by email",
  "user.signed_out_everywhere": "Signed out everywhere",
  "user.name_changed": "Name changed",
  "user.email_change_requested": "Email change requested",
  "user.email_changed": "Email changed",
  "user.email_change_cancelled": "Email change cancelled",
  "user.email_verification_sent": "Verification email sent",
  "user.email_verified": "Email verified",
  "user.created": "Account created by an admin",
  "user.password_reset_by_admin": "Password reset by an admin",
  "user.invited": "Person invited",
  "invitation.resent": "Invitation resent",
  "invitation.revoked": "Invitation revoked",
  "invitation.accepted": "Invitation accepted",
  "membership.role_changed": "Role changed",
  "membership.deactivated": "Member deactivated",
  "membership.reactivated": "Member reactivated",
  "notifications.changed": "Email settings changed",
  "company.registered": "Company registered",
  "company.settings_changed": "Company settings changed",
  "company.approved": "Company approved",
  "company.suspended": "Company suspended",
  "company.reactivated": "Company reactivated",
  "company.seeded": "Demo data loaded",
  "email.skipped": "Email skipped",
  "email.sanitized": "Email sent with text made safe",
  "push.subscribed": "Push turned on",
  "push.unsubscribed": "Push turned off",
  "product.created": "Product added",
  "product.updated": "Product changed",
  "product.archived": "Product archived",
  "product.restored": "Product restored",
  "product.supplier_linked": "Product supplier added",
  "product.supplier_updated": "Product supplier changed",
  "product.supplier_unlinked": "Product supplier removed",
  "product.imported": "Products imported",
  "location.created": "Location added",
  "location.renamed": "Location renamed",
  "location.archived": "Location archived",
  "location.restored": "Location restored",
  "location.default_set": "Default location changed",
  ...Object.fromEntries(
    PARTNER_KINDS.flatMap((kind) => {
      const { One, Many } = PARTNER_WORDS[kind];
      const actions = PARTNER_AUDIT_ACTIONS[kind];
      return [
        [actions.created, `${One} added`],
        [actions.updated, `${One} changed`],
        [actions.archived, `${One} archived`],
        [actions.restored, `${One} restored`],
        [actions.imported, `${Many} imported`],
      ];
    }),
  ),
  "stock.initial": "Opening stock",
  "stock.adjusted": "Stock adjusted",
  "stock.reorder_point_set": "Reorder point set",
  "stock.transferred": "Stock transferred",
  "stock.stocktake": "Quick stocktake",
  "stock.imported": "Stock levels imported",
  "stocktake.started": "Stocktake started",
  "stocktake.counted": "Stocktake count",
  "stocktake.recounted": "Stocktake recount",
  "stocktake.finished": "Stocktake finished",
  "stocktake.booked": "Stocktake booked",
  "stocktake.cancelled": "Stocktake cancelled",
  "order.created": "Request raised",
  "order.edited": "Request edited",
  "order.approved": "Request approved",
  "order.rejected": "Request rejected",
  "order.fulfilled": "Request fulfilled",
  "order.closed": "Backorder closed",
  "order.cancelled": "Request cancelled",
};

/** The Action filter's name for an action code: its label, or for a code nothing here knows, its words. */
export function auditActionLabel(action: string): string {
  if (Object.hasOwn(AUDIT_ACTION_LABELS, action)) return AUDIT_ACTION_LABELS[action]!;
  const spelled = words(action.slice(0, 64));
  return spelled ? spelled.charAt(0).toUpperCase() + spelled.slice(1) : action;
}

/** An action this file does not know: who, the action's code in words, and what it was about. */
function generic(e: Entry): Piece[] {
  const name = entityName(e.entry);
  const kind = kindOf(e.entry.entityType);
  return [
    ACTOR,
    ` recorded “${words(e.entry.action.slice(0, 64)) || "an action"}”`,
    name ? [" for ", { entity: name }] : kind && ` for ${kind}`,
  ];
}

/** The pieces as parts: clauses that do not apply left out, neighbouring text joined. */
function flatten(pieces: Piece[]): AuditSentencePart[] {
  const parts: AuditSentencePart[] = [];
  const visit = (piece: Piece) => {
    if (piece === null || piece === undefined || piece === false || piece === "") return;
    if (Array.isArray(piece)) {
      piece.forEach(visit);
      return;
    }
    const last = parts[parts.length - 1];
    if (typeof piece === "string" && typeof last === "string") parts[parts.length - 1] = last + piece;
    else parts.push(piece);
  };
  pieces.forEach(visit);
  return parts;
}

export function describeAuditEntry(entry: DescribableAuditEntry): AuditSentencePart[] {
  const e: Entry = { entry, before: payloadOf(entry.before), after: payloadOf(entry.after) };
  const sentence = Object.hasOwn(SENTENCES, entry.action) ? SENTENCES[entry.action]! : generic;
  return flatten(sentence(e));
}

/** The sentence as plain text with the actor's label (for tests, titles and screen readers); current names marked " (current name)". */
export function auditSentenceText(parts: AuditSentencePart[], actorLabel: string): string {
  return parts
    .map((part) => {
      if (typeof part === "string") return part;
      if ("actor" in part) return actorLabel;
      const name = "entity" in part ? part.entity : part.name;
      return name.current ? `${name.label} (current name)` : name.label;
    })
    .join("");
}
