"use client";

// The app shell's count of requests waiting on this device to be sent (or refused on replay), linking to the list.
import Link from "@/components/ui/link";
import { useOutbox } from "./outbox-provider";

export function OutboxBadge() {
  const outbox = useOutbox();
  const count = outbox?.entries.length ?? 0;
  if (count === 0) return null;
  const refused = outbox!.entries.some((entry) => entry.state === "refused");
  return (
    <Link
      href="/requests#waiting-to-send"
      className={
        refused
          ? "inline-flex min-h-8 items-center rounded-full bg-red-100 px-2.5 text-xs font-medium text-red-800"
          : "inline-flex min-h-8 items-center rounded-full bg-amber-100 px-2.5 text-xs font-medium text-amber-900"
      }
    >
      {count} waiting to send
    </Link>
  );
}
