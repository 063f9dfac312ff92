import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

export interface FieldProps {
  id: string;
  label: string;
  /** Messages for this field; each is announced and linked to the control. */
  errors?: string[];
  hint?: string;
}

/** The attributes that tie a control to its hint and errors for assistive technology. */
export function fieldAria({ id, errors, hint }: FieldProps) {
  const describedBy = [hint && `${id}-hint`, errors?.length && `${id}-error`].filter(Boolean).join(" ");
  return { "aria-invalid": errors?.length ? true : undefined, "aria-describedby": describedBy || undefined };
}

/** The border of a control: red while it has errors. */
export function controlClasses(errors: string[] | undefined, ...classes: (string | undefined)[]): string {
  return cn(
    "block w-full rounded-lg border bg-white px-3 py-2 text-base text-slate-900 shadow-sm placeholder:text-slate-400 sm:text-sm",
    errors?.length ? "border-red-500" : "border-slate-300",
    ...classes,
  );
}

/** One form field: its label, the control, its hint and its errors (every field of every form looks alike). */
export function FieldFrame({ id, label, errors, hint, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-slate-500">
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input with its hint and errors wired up for assistive technology. */
export function TextField({
  id,
  label,
  errors,
  hint,
  className,
  ...props
}: FieldProps & Omit<ComponentProps<"input">, "id">) {
  return (
    <FieldFrame id={id} label={label} errors={errors} hint={hint}>
      <input
        id={id}
        {...props}
        {...fieldAria({ id, label, errors, hint })}
        className={controlClasses(errors, "min-h-11", className)}
      />
    </FieldFrame>
  );
}
