"use client";

// Which person-and-company the page's live updates belong to (lib/events/live-scope.ts), from the signed-in
// layout: the tabs of a browser with the same scope share one connection (./live-connection.ts). Without one
// (outside the signed-in layout) a tab keeps its own connection.
import { createContext, useContext } from "react";

const LiveScopeContext = createContext<string | undefined>(undefined);

export function LiveScopeProvider({ scope, children }: { scope: string; children: React.ReactNode }) {
  return <LiveScopeContext value={scope}>{children}</LiveScopeContext>;
}

export function useLiveScope(): string | undefined {
  return useContext(LiveScopeContext);
}
