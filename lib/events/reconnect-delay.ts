// How long to wait before reconnecting after the n-th consecutive failure: exponential backoff with "equal jitter"
// (half fixed, half random), so a database restart or a deploy does not bring every listener and every browser
// back in the same millisecond. Pure: the server's LISTEN connection and the browser's event stream both use it.
export interface BackoffOptions {
  minMs: number;
  maxMs: number;
}

export function reconnectDelay(failures: number, { minMs, maxMs }: BackoffOptions, random = Math.random): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** Math.max(0, Math.min(failures, 30)));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
