import type { ReactNode } from "react";

const BOX = "rounded-xl border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600";

/**
 * What a list shows when it has nothing to show: what is (not) there, then what to do next — widen the filters,
 * add the first one — with an optional action (a button link). A title alone is one plain line.
 */
export function EmptyState({
  title,
  children,
  action,
}: {
  title: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
}) {
  if (!children && !action) return <p className={BOX}>{title}</p>;
  return (
    <div className={BOX}>
      <p className="font-medium text-slate-900">{title}</p>
      {children && <p className="mt-1">{children}</p>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}
