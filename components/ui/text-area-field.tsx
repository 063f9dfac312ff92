import type { ComponentProps } from "react";
import { controlClasses, FieldFrame, fieldAria, type FieldProps } from "./field";

/** A labelled multi-line input with its hint and errors wired up for assistive technology. */
export function TextAreaField({
  id,
  label,
  errors,
  hint,
  className,
  ...props
}: FieldProps & Omit<ComponentProps<"textarea">, "id">) {
  return (
    <FieldFrame id={id} label={label} errors={errors} hint={hint}>
      <textarea
        id={id}
        rows={3}
        {...props}
        {...fieldAria({ id, label, errors, hint })}
        className={controlClasses(errors, className)}
      />
    </FieldFrame>
  );
}
