// Display helpers for templates. Pure and locale-independent, so an email reads the same whichever server
// renders it: every recipient sees the same UTC time rather than the server's zone.
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const twoDigits = (value: number) => String(value).padStart(2, "0");

/** "2026-11-24T14:05:00Z" → "24 Nov 2026, 14:05 UTC". */
export function formatUtcDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date-time: ${iso}`);
  const day = `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  return `${day}, ${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())} UTC`;
}

/** 1 → "1 minute", 30 → "30 minutes", 60 → "1 hour", 90 → "90 minutes", 1440 → "24 hours". */
export function formatMinutes(minutes: number): string {
  if (minutes >= 60 && minutes % 60 === 0) {
    const hours = minutes / 60;
    return hours === 1 ? "1 hour" : `${hours} hours`;
  }
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

/** A free text's lines, whichever line breaks it was typed with: "a\r\nb\rc\nd" → ["a", "b", "c", "d"]. */
export function textLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
