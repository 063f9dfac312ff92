// How the dashboard reads on screen. Pure: shared by server and client components.

const whole = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
// A calendar day ("2026-11-24") is a date, not a moment: formatted in UTC so that no time zone shifts it.
const shortDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const longDay = new Intl.DateTimeFormat("en-GB", {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

function dayAsDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** "24 Nov": the chart's axis. */
export function formatShortDay(day: string): string {
  return shortDay.format(dayAsDate(day));
}

/** "Tue, 24 Nov 2026": the tooltip, the table and the period. */
export function formatLongDay(day: string): string {
  return longDay.format(dayAsDate(day));
}

export function formatCount(value: number): string {
  return whole.format(value);
}

/** "1 movement", "1,200 movements". */
export function formatMovementCount(value: number): string {
  return `${whole.format(value)} ${value === 1 ? "movement" : "movements"}`;
}
