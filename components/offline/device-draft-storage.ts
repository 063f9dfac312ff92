// Drafts on the device, the storage half (docs/architecture.md, "Drafts on the device"): one draft per person,
// company and form (and record, for an edit), under `stockflow:draft:` in localStorage — sign-out wipes every
// `stockflow:` key. A draft is flat form values (never a secret: the forms that keep one have none), bounded in size.
// Storage that is missing (the server), full or refused only means the draft lives as long as the page. No
// "use client": a server page names the draft its redirect target clears.

export const DRAFT_PREFIX = "stockflow:draft:";
/** A draft bigger than this is not kept (a stale smaller one would mislead, so it goes too). */
export const MAX_DRAFT_CHARS = 64 * 1024;
/** Typing waits this long before the draft is written; leaving the page writes it at once. */
export const DRAFT_SAVE_DELAY_MS = 400;

/** A form's values as its submit sends them: name → text. */
export type DraftValues = Record<string, string>;

export interface DraftScope {
  userId: string;
  companyId: string;
}

/** The key of one form's draft: the person and company it belongs to, the form, and the record an edit is of. */
export function draftKey(scope: DraftScope, form: string, recordId?: string): string {
  return `${DRAFT_PREFIX}${scope.userId}:${scope.companyId}:${form}${recordId ? `:${recordId}` : ""}`;
}

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    // A browser that refuses storage (privacy settings) throws on access.
    return null;
  }
}

/** The draft kept under `key`, when there is a readable one. */
export function readDraft(key: string): DraftValues | null {
  try {
    const text = storage()?.getItem(key);
    if (!text || text.length > MAX_DRAFT_CHARS) return null;
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return null;
    const entries = Object.entries(parsed);
    if (!entries.every(([, value]) => typeof value === "string")) return null;
    return Object.fromEntries(entries) as DraftValues;
  } catch {
    return null;
  }
}

/** Keeps the draft; false when it was too big or the storage refused it (then no older draft is left behind). */
export function writeDraft(key: string, values: DraftValues): boolean {
  const text = JSON.stringify(values);
  try {
    if (text.length <= MAX_DRAFT_CHARS) {
      storage()?.setItem(key, text);
      return true;
    }
  } catch {
    // Quota exceeded: fall through and drop the stale draft.
  }
  removeDraft(key);
  return false;
}

export function removeDraft(key: string): void {
  try {
    storage()?.removeItem(key);
  } catch {
    // Nothing kept, nothing to remove.
  }
}
