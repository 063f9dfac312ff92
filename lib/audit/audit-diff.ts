// An audit entry's before/after as a person reads it: the fields that changed, each "before → after". Nested objects
// are flattened to dotted names ("settings.requireSecondApprover") so a change deep inside reads as one line; arrays
// and anything deeper stay whole, as compact JSON. Shared by the viewer (components/audit/audit-changes.tsx) and
// the CSV export's "changes" column. Pure.

export type AuditChangeKind = "changed" | "added" | "removed";

export interface AuditChange {
  /** The field's name, dotted for nested fields; "value" when before/after is not an object. */
  field: string;
  kind: AuditChangeKind;
  /** Display text of the value before (null: there was none). */
  before: string | null;
  /** Display text of the value after (null: there is none). */
  after: string | null;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const MAX_DEPTH = 3;
/** A value longer than this is cut in the display (the export's before/after columns keep it whole). */
const MAX_VALUE_LENGTH = 300;

function isRecord(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The fields of a stored value: an object's (flattened) fields, or the value itself under "value". */
function fieldsOf(value: unknown): Map<string, Json> {
  const fields = new Map<string, Json>();
  if (value === null || value === undefined) return fields;
  if (!isRecord(value)) {
    fields.set("value", value as Json);
    return fields;
  }
  const visit = (record: Record<string, Json>, prefix: string, depth: number) => {
    for (const [key, item] of Object.entries(record)) {
      const name = prefix ? `${prefix}.${key}` : key;
      // An empty object is a value of its own ("{}"), not the absence of fields.
      if (isRecord(item) && depth < MAX_DEPTH && Object.keys(item).length > 0) visit(item, name, depth + 1);
      else fields.set(name, item);
    }
  };
  visit(value, "", 1);
  return fields;
}

/** How a value reads: text as it is, null as "empty", anything else as compact JSON; cut when very long. */
export function formatAuditValue(value: Json | undefined): string {
  const text =
    value === null || value === undefined ? "empty" : typeof value === "string" ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

function sameValue(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The changes an entry records, by field name (PostgreSQL's jsonb keeps no order of its own that reads well). An
 * entry with only `after` (something created) lists every field as added; with only `before`, as removed.
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const old = fieldsOf(before);
  const current = fieldsOf(after);
  const fields = [...new Set([...current.keys(), ...old.keys()])].sort();
  const changes: AuditChange[] = [];
  for (const field of fields) {
    const previous = old.get(field);
    const value = current.get(field);
    if (!old.has(field)) changes.push({ field, kind: "added", before: null, after: formatAuditValue(value) });
    else if (!current.has(field))
      changes.push({ field, kind: "removed", before: formatAuditValue(previous), after: null });
    else if (!sameValue(previous!, value!)) {
      changes.push({ field, kind: "changed", before: formatAuditValue(previous), after: formatAuditValue(value) });
    }
  }
  return changes;
}

/** The changes as one line of text ("name: Old → New; code: BR"), for the CSV export. */
export function describeAuditChanges(changes: AuditChange[]): string {
  return changes
    .map(({ field, kind, before, after }) => {
      if (kind === "added") return `${field}: ${after}`;
      if (kind === "removed") return `${field}: ${before} → (removed)`;
      return `${field}: ${before} → ${after}`;
    })
    .join("; ");
}
