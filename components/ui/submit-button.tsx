"use client";

import { useFormStatus } from "react-dom";
import { Button, type ButtonVariant } from "./button";

/** A form's submit button: disabled with a spinner while the form's action runs. */
export function SubmitButton({
  children,
  pendingLabel,
  variant,
  className,
}: {
  children: React.ReactNode;
  pendingLabel?: string;
  variant?: ButtonVariant;
  className?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" pending={pending} variant={variant} className={className}>
      {pending && pendingLabel ? pendingLabel : children}
    </Button>
  );
}
