import type { ReactNode } from "react";
import { AuthCard } from "@/components/layout/auth-card";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";

/** The page an emailed one-time link opens when it cannot be used: why, and the one way on. */
export function UnusableLink({ reason, next }: { reason: ReactNode; next: { href: string; label: string } }) {
  return (
    <AuthCard title="This link cannot be used">
      <div className="space-y-4">
        <Alert tone="error">{reason}</Alert>
        <ButtonLink href={next.href} className="w-full">
          {next.label}
        </ButtonLink>
      </div>
    </AuthCard>
  );
}
