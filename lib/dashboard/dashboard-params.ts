// What the dashboard can be asked for: the period of its movement chart and top movers, 30 or 90 days ending today
// in the company's time zone (?days=90 in the URL, so a period is a link). Pure: shared by the page, its
// components and getDashboard.
import { z } from "zod";

export const DASHBOARD_PERIODS = [30, 90] as const;
export type DashboardPeriod = (typeof DASHBOARD_PERIODS)[number];
export const DEFAULT_DASHBOARD_PERIOD: DashboardPeriod = 30;

/** getDashboard's input; unknown keys are refused. */
export const dashboardInputSchema = z
  .object({
    days: z.literal(DASHBOARD_PERIODS, { error: "Choose 30 or 90 days." }).default(DEFAULT_DASHBOARD_PERIOD),
  })
  .strict();

export type DashboardInput = z.output<typeof dashboardInputSchema>;

type SearchParams = Record<string, string | string[] | undefined>;

/** The period from a URL: anything but a known period (a hand-edited link) shows the default rather than an error. */
export function dashboardPeriodFromParams(params: SearchParams): DashboardPeriod {
  const raw = Array.isArray(params.days) ? params.days[0] : params.days;
  return DASHBOARD_PERIODS.find((days) => String(days) === raw) ?? DEFAULT_DASHBOARD_PERIOD;
}

/** "/dashboard" for the default period, "/dashboard?days=90" otherwise. */
export function dashboardHref(days: DashboardPeriod): string {
  return days === DEFAULT_DASHBOARD_PERIOD ? "/dashboard" : `/dashboard?days=${days}`;
}
