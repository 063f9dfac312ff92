"use client";

// The sign-out button of the app and platform shells (docs/architecture.md "Offline request queue and the first API
// endpoint"). With requests of this person still unsent on the device it asks first; signing out anyway keeps them,
// tied to this person, for when they sign in again. Everything else the app keeps on the device goes
// (wipeDeviceData) before the session ends.
import { useEffect, useState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { outboxOf } from "@/lib/offline/device-db";
import { OUTBOX_CHANNEL } from "@/lib/offline/replay";
import { wipeDeviceData } from "@/lib/offline/wipe-device-data";

export function unsentWarning(count: number): string {
  return (
    `You have ${count} ${count === 1 ? "request" : "requests"} not sent yet. ` +
    `${count === 1 ? "It stays" : "They stay"} on this device and ${count === 1 ? "is" : "are"} sent when you sign in again. Sign out anyway?`
  );
}

export function SignOutForm({ userId, action }: { userId: string; action: () => Promise<void> }) {
  const [unsent, setUnsent] = useState(0);

  useEffect(() => {
    const count = () =>
      outboxOf(userId).then(
        (entries) => setUnsent(entries.length),
        () => setUnsent(0),
      );
    void count();
    const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(OUTBOX_CHANNEL);
    if (channel) channel.onmessage = () => void count();
    return () => channel?.close();
  }, [userId]);

  return (
    <form
      action={async () => {
        await wipeDeviceData().catch(() => undefined);
        await action();
      }}
      onSubmit={(event) => {
        if (unsent > 0 && !window.confirm(unsentWarning(unsent))) event.preventDefault();
      }}
    >
      <SubmitButton variant="ghost" pendingLabel="Signing out…">
        Sign out
      </SubmitButton>
    </form>
  );
}
