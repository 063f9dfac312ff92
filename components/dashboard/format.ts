// How the dashboard reads on screen. Pure: shared by server and client components.
import { formatMoney } from "@/components/products/labels";

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

/** From this amount up, a tile's money figure is compact: its exact digits would wrap inside a tile on a phone. */
const COMPACT_MONEY_FROM = 1_000_000;

/**
 * A money figure for a dashboard tile: exact below a million ("£238.50"), compact from there ("£437.2m", "US$1.2tn"),
 * with the exact amount beside it for the tile's detail (null when the figure is exact already).
 */
export function formatTileMoney(amount: string, currency: string): { figure: string; exact: string | null } {
  const exact = formatMoney(amount, currency);
  const value = Number(amount);
  if (Math.abs(value) < COMPACT_MONEY_FROM) return { figure: exact, exact: null };
  const compact = new Intl.NumberFormat("en-GB", {
    style: "currency",
    currency,
    notation: "compact",
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  });
  return { figure: compact.format(value), exact };
}
