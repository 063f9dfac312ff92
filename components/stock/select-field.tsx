import type { ComponentProps } from "react";
import { cn } from "@/components/ui/cn";

interface SelectFieldProps extends Omit<ComponentProps<"select">, "id"> {
  id: string;
  label: string;
  errors?: string[];
  options: { value: string; label: string }[];
}

/** A labelled select with its errors wired up for assistive technology. */
export function SelectField({ id, label, errors, options, className, ...props }: SelectFieldProps) {
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className={cn("space-y-1.5", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        {...props}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
        className={cn(
          "block min-h-11 w-full rounded-lg border bg-white px-3 py-2 text-base text-slate-900 shadow-sm sm:text-sm",
          errorId ? "border-red-500" : "border-slate-300",
        )}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
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
