import { ROLE_LABELS } from "@/lib/auth/permissions";
import { cn } from "@/components/ui/cn";
import { ROLES, type Role } from "@/lib/auth/permissions";

interface RoleSelectProps {
  id: string;
  label: string;
  /** Visually hidden label (the row already says whose role it is). */
  hideLabel?: boolean;
  defaultValue?: Role;
  errors?: string[];
  className?: string;
}

/** A labelled role picker (Admin, Manager, Staff) with its errors wired up for assistive technology. */
export function RoleSelect({ id, label, hideLabel, defaultValue = "STAFF", errors, className }: RoleSelectProps) {
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className={cn("space-y-1.5", className)}>
      <label htmlFor={id} className={hideLabel ? "sr-only" : "block text-sm font-medium text-slate-800"}>
        {label}
      </label>
      <select
        id={id}
        name="role"
        defaultValue={defaultValue}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
        className={cn(
          "block min-h-11 w-full rounded-lg border bg-white px-3 py-2 text-base text-slate-900 shadow-sm sm:min-h-10 sm:text-sm",
          errorId ? "border-red-500" : "border-slate-300",
        )}
      >
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {ROLE_LABELS[role]}
          </option>
        ))}
      </select>
      {errorId && (
        <p id={errorId} className="text-sm text-red-700">
          {errors!.join(" ")}
        </p>
      )}
    </div>
  );
}
