"use client";

// The bars of the movement chart, drawn by recharts in the browser only (./movement-bars.tsx). Hidden from assistive
// technology: the chart's figure carries the same numbers as a table (./movement-chart.tsx).
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MovementDay } from "@/lib/dashboard/get-dashboard";
import { formatCount, formatLongDay, formatShortDay } from "./format";
import { CHART_BOX } from "./movement-bars";

/** brand-600 and amber-600: told apart by the legend's words too, not by colour alone. */
const IN_COLOUR = "#1f57d6";
const OUT_COLOUR = "#d97706";
const AXIS = { fontSize: 12, fill: "#475569" };

export function MovementBarsChart({ movements }: { movements: MovementDay[] }) {
  return (
    <div className={CHART_BOX} aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%" minWidth={0} initialDimension={{ width: 320, height: 240 }}>
        <BarChart
          data={movements}
          margin={{ top: 8, right: 4, bottom: 0, left: 0 }}
          barGap={1}
          accessibilityLayer={false}
        >
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="day"
            tickFormatter={formatShortDay}
            minTickGap={24}
            tick={AXIS}
            tickLine={false}
            axisLine={{ stroke: "#cbd5e1" }}
          />
          <YAxis
            allowDecimals={false}
            tickFormatter={formatCount}
            width={44}
            tick={AXIS}
            tickLine={false}
            axisLine={false}
          />
          <Tooltip
            labelFormatter={(day) => formatLongDay(String(day))}
            formatter={(value, name) => [formatCount(Number(value)), name]}
            cursor={{ fill: "#f1f5f9" }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="movementsIn" name="In" fill={IN_COLOUR} isAnimationActive={false} />
          <Bar dataKey="movementsOut" name="Out" fill={OUT_COLOUR} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
