// A day range (lib/list/day-range.ts) as SQL conditions on a timestamptz column: whole days in the company's time
// zone, from the From day's midnight there to the midnight after the To day, so "today" means the company's today
// wherever the server runs. The column's index still serves the comparison (the bounds are constants).
import "server-only";
import { Prisma } from "../db/generated/client";
import type { DayRange } from "./day-range";

/** The conditions (none, one or two) that keep `column` inside the range, to AND with a query's others. */
export function localDayRangeSql(column: Prisma.Sql, range: DayRange, timeZone: string): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (range.from) conditions.push(Prisma.sql`${column} >= (${range.from}::date::timestamp AT TIME ZONE ${timeZone})`);
  if (range.to) conditions.push(Prisma.sql`${column} < ((${range.to}::date + 1)::timestamp AT TIME ZONE ${timeZone})`);
  return conditions;
}
