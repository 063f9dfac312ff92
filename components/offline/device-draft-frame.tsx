"use client";

// What every drafted form shows around itself (docs/architecture.md, "Drafts on the device"): whether its values
// came back from the device or a submit did not get through, a way to throw the draft away, and the boundary that
// keeps a dropped connection from reaching the error page.
import { useEffect, useRef, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { NetworkFailureBoundary } from "./network-failure";
import { readDraft, removeDraft } from "./device-draft-storage";
import type { DeviceDraft } from "./use-device-draft";

export const DRAFT_RESTORED = "Draft restored from this device.";
export const OFFLINE_NOTHING_SENT =
  "You're offline — nothing was sent. Your draft is kept on this device; send it again when you're back online.";

export function DeviceDraftFrame({ draft, children }: { draft: DeviceDraft; children: ReactNode }) {
  const offlineRef = useRef<HTMLDivElement>(null);
  // The form was rendered again under the button that was pressed: focus goes to why, not to the page's start.
  useEffect(() => {
    if (draft.notice === "offline") offlineRef.current?.focus();
  }, [draft.notice, draft.generation]);
  return (
    <div className="space-y-4">
      {(draft.notice || draft.discardable) && (
        <div className="space-y-2">
          {draft.notice === "offline" && (
            <div ref={offlineRef} tabIndex={-1} className="outline-none">
              <Alert tone="error">{OFFLINE_NOTHING_SENT}</Alert>
            </div>
          )}
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            {draft.notice === "restored" && (
              <p role="status" className="text-sm text-slate-700">
                {DRAFT_RESTORED}
              </p>
            )}
            {draft.discardable && (
              <Button type="button" variant="secondary" className="h-11" onClick={draft.discard}>
                Discard draft
              </Button>
            )}
          </div>
        </div>
      )}
      <NetworkFailureBoundary key={draft.generation} onNetworkFailure={draft.networkFailed}>
        {children}
      </NetworkFailureBoundary>
    </div>
  );
}

/**
 * Removes a draft the server has accepted, from the page the accepting action redirected to (the form itself is
 * gone by then): only when the draft holds `sent` (the ids of what was accepted), so coming back to that page later
 * never removes a newer draft. Renders nothing.
 */
export function ClearDeviceDraft({ draftKey, sent }: { draftKey: string; sent: Record<string, string> }) {
  const fields = JSON.stringify(sent);
  useEffect(() => {
    const draft = readDraft(draftKey);
    const expected = JSON.parse(fields) as Record<string, string>;
    if (draft && Object.entries(expected).every(([name, value]) => draft[name] === value)) removeDraft(draftKey);
  }, [draftKey, fields]);
  return null;
}
