import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/list/data-table";
import type { DashboardPeriod } from "@/lib/dashboard/dashboard-params";
import type { MovementDay } from "@/lib/dashboard/get-dashboard";
import { formatCount, formatLongDay, formatMovementCount } from "./format";
import { MovementBars } from "./movement-bars";
import { PeriodToggle } from "./period-toggle";

interface MovementChartProps {
  movements: MovementDay[];
  days: DashboardPeriod;
  timeZone: string;
}

/**
 * Movements in and out per day over the period, as bars for the eye and as a table (visually hidden) for screen
 * readers; the caption says what is counted. Movements, not units: a day's pairs and boxes do not add up.
 */
export function MovementChart({ movements, days, timeZone }: MovementChartProps) {
  const totalIn = movements.reduce((sum, day) => sum + day.movementsIn, 0);
  const totalOut = movements.reduce((sum, day) => sum + day.movementsOut, 0);
  const first = movements[0]?.day;
  const last = movements.at(-1)?.day;
  return (
    <Card>
      <section aria-labelledby="movements-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="movements-heading" className="font-semibold text-slate-900">
            Stock in and out per day
          </h2>
          <PeriodToggle days={days} />
        </div>
        <figure className="space-y-3">
          <figcaption className="text-sm text-slate-600">
            Stock movements that brought stock in (receipts, additions, counts up) and that sent it out (shipments,
            write-offs, counts down) on each of the last {days} days
            {first && last && (
              <>
                , {formatLongDay(first)} to {formatLongDay(last)}
              </>
            )}
            , one per product and location. Days are in {timeZone}. Transfers between locations are not counted: they
            move stock without bringing any in or sending any out.
          </figcaption>
          <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-900">
            <span>
              In: <strong className="font-semibold">{formatMovementCount(totalIn)}</strong>
            </span>
            <span>
              Out: <strong className="font-semibold">{formatMovementCount(totalOut)}</strong>
            </span>
          </p>
          <MovementBars movements={movements} />
          <DataTable
            variant="hidden"
            caption={`Stock movements in and out per day, last ${days} days`}
            rows={movements}
            rowKey={(day) => day.day}
            columns={[
              { header: "Day", rowHeader: true, cell: (day) => formatLongDay(day.day) },
              { header: "In", cell: (day) => formatCount(day.movementsIn) },
              { header: "Out", cell: (day) => formatCount(day.movementsOut) },
            ]}
          />
        </figure>
      </section>
    </Card>
  );
}
