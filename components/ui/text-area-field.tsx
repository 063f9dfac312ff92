import type { ComponentProps } from "react";
import { cn } from "./cn";

interface TextAreaFieldProps extends Omit<ComponentProps<"textarea">, "id"> {
  id: string;
  label: string;
  errors?: string[];
  hint?: string;
}

/** A labelled multi-line input with its hint and errors wired up for assistive technology. */
export function TextAreaField({ id, label, errors, hint, className, ...props }: TextAreaFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={id}
        rows={3}
        {...props}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className={cn(
          "block w-full rounded-lg border bg-white px-3 py-2 text-base text-slate-900 shadow-sm placeholder:text-slate-400 sm:text-sm",
          errorId ? "border-red-500" : "border-slate-300",
          className,
        )}
      />
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
