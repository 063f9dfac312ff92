"use client";

// The client operation id of a stock form (docs/architecture.md, "exactly-once stock operations"): the page makes
// the first one; every submit sends it, so a retry or a double click is the same operation and the server books it
// once; a refused submit claims nothing, so the corrected one keeps it; once a submit succeeds, the next is new.
// So is the one after a CONFLICT on the id itself (lib/stock/stock-operation.ts names the `operationId` field): the id
// already made an operation (its answer was lost and the form changed since, or it is someone else's), and the device
// draft keeps the id, so a reload would only meet the same refusal. Any other CONFLICT (the company changed) claimed
// nothing: the id stays.
import { useState } from "react";
import type { FormState } from "./form-state";

/** A random (version 4) UUID. crypto.randomUUID exists only on secure (https or localhost) pages; this works on any. */
export function newOperationId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The id to send: `initial` until an outcome that `succeeded` arrives, then a new one. `outcome` is the form's
 * latest action state (a new object for every answer, so each success renews the id once).
 */
export function useOperationId(initial: string, outcome: unknown, succeeded: boolean): string {
  const [id, setId] = useState(initial);
  // React's pattern for adjusting state when other state changes: no effect, no render with the old id.
  const [seen, setSeen] = useState(outcome);
  if (outcome !== seen) {
    setSeen(outcome);
    if (succeeded) setId(newOperationId());
  }
  return id;
}

/** Whether a stock form's answer used its operation id up: it was booked, or the server says the id is taken. */
export function operationSpent(state: FormState<unknown>): boolean {
  if (state === null) return false;
  return state.ok || (state.code === "CONFLICT" && Boolean(state.fieldErrors?.operationId));
}
