// How messages from the domain layer say when something happened: "24 Nov 2026, 14:05 (Europe/Berlin)", in the
// company's time zone and naming it, since the reader may be elsewhere. Pure.
export function formatMoment(at: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(at);
  return `${text} (${timeZone})`;
}
