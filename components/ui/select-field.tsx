import type { ComponentProps } from "react";
import { controlClasses, FieldFrame, fieldAria, type FieldProps } from "./field";

interface SelectFieldProps extends FieldProps, Omit<ComponentProps<"select">, "id"> {
  /** The choices; or pass <option> children instead (e.g. a list built elsewhere). */
  options?: { value: string; label: string }[];
}

/** A labelled select with its hint and errors wired up for assistive technology (the select twin of TextField). */
export function SelectField({ id, label, options, errors, hint, className, children, ...props }: SelectFieldProps) {
  return (
    <FieldFrame id={id} label={label} errors={errors} hint={hint}>
      <select
        id={id}
        {...props}
        {...fieldAria({ id, label, errors, hint })}
        className={controlClasses(errors, "min-h-11 sm:min-h-10", className)}
      >
        {options
          ? options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))
          : children}
      </select>
    </FieldFrame>
  );
}
