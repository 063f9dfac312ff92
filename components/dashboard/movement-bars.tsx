"use client";

// The movement chart's bars, loaded and drawn in the browser only: the server has no width to draw them at, and its
// render of recharts' tree costs every dashboard request without putting a bar in the HTML (docs/architecture.md §3,
// "Cost of a page"). The numbers are in the figure's table either way (./movement-chart.tsx).
import dynamic from "next/dynamic";

/** The chart's box: the placeholder while recharts loads has the same, so nothing below it moves. */
export const CHART_BOX = "h-60 w-full sm:h-72";

export const MovementBars = dynamic(() => import("./movement-bars-chart").then((module) => module.MovementBarsChart), {
  ssr: false,
  loading: () => <div className={CHART_BOX} aria-hidden="true" />,
});
