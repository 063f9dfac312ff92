"use client";

import { createContext, useContext, useState } from "react";
import { Button } from "@/components/ui/button";

const NoticeContext = createContext<((message: string) => void) | null>(null);

/**
 * The confirmation of the platform administrator's last decision (approve, suspend, reactivate), kept above the
 * company list: a decided company may leave a filtered list ("Waiting for approval") with the row that made it, and
 * the confirmation must not leave with it. The region is always there, so screen readers announce each new message.
 */
export function DecisionNotices({ children }: { children: React.ReactNode }) {
  const [message, setMessage] = useState<string | null>(null);
  return (
    <NoticeContext value={setMessage}>
      <div
        role="status"
        className="fixed inset-x-4 bottom-4 z-40 md:inset-x-auto md:right-6 md:w-96"
        aria-label="Last decision"
      >
        {message && (
          <div className="flex items-start justify-between gap-3 rounded-lg border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800 shadow-lg">
            <p className="py-2">{message}</p>
            <Button type="button" variant="ghost" onClick={() => setMessage(null)}>
              Dismiss
            </Button>
          </div>
        )}
      </div>
      {children}
      {/* Room to scroll the last rows out from under the notice, so none of their buttons is covered. */}
      {message && <div aria-hidden="true" className="h-32" />}
    </NoticeContext>
  );
}

/** Shows `message` as the last decision; only inside DecisionNotices. */
export function useDecisionNotice(): (message: string) => void {
  const notify = useContext(NoticeContext);
  if (!notify) throw new Error("useDecisionNotice needs a DecisionNotices around it");
  return notify;
}
