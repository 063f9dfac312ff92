import type { ComponentProps } from "react";
import { cn } from "./cn";

interface SelectFieldProps extends Omit<ComponentProps<"select">, "id"> {
  id: string;
  label: string;
  /** The choices; or pass <option> children instead (e.g. a list built elsewhere). */
  options?: { value: string; label: string }[];
  errors?: string[];
  hint?: string;
}

/** A labelled select with its hint and errors wired up for assistive technology (the select twin of TextField). */
export function SelectField({ id, label, options, errors, hint, className, children, ...props }: SelectFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        {...props}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className={cn(
          "block min-h-11 w-full rounded-lg border bg-white px-3 py-2 text-base text-slate-900 shadow-sm sm:min-h-10 sm:text-sm",
          errorId ? "border-red-500" : "border-slate-300",
          className,
        )}
      >
        {options
          ? options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))
          : children}
      </select>
      {hint && (
        <p id={hintId} className="text-sm text-slate-500">
          {hint}
        </p>
      )}
      {errorId && (
        <p id={errorId} className="text-sm text-red-700">
          {errors!.join(" ")}
        </p>
      )}
    </div>
  );
}
