import { AppShell } from "@/components/layout/app-shell";
import { navigationFor } from "@/components/layout/navigation";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { requireTenant } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { countAwaitingDecision } from "@/lib/orders/decisions";
import { liveScope } from "@/lib/events/live-scope";
import { LiveScopeProvider } from "@/components/live/live-scope";
import { homePathFor } from "@/lib/auth/home";
import { CompanySwitcher } from "@/components/layout/company-switcher";
import { OutboxProvider } from "@/components/offline/outbox-provider";
import { FormCompanyProvider } from "@/components/ui/company-field";
import { signOutAction, switchCompanyAction } from "./actions";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requireTenant();
  const decisionCount = can(ctx.role, "requests.approve") ? await countAwaitingDecision(ctx) : undefined;
  return (
    <LiveScopeProvider scope={liveScope(ctx.userId, ctx.companyId)}>
      {/* The offline queue of this person on this device: ids from the session, re-checked by the server on every send. */}
      <OutboxProvider userId={ctx.userId} companyId={ctx.companyId}>
        <AppShell
          userId={ctx.userId}
          homeHref={homePathFor(ctx.role)}
          companyName={ctx.company.name}
          userName={ctx.user.name}
          roleLabel={ROLE_LABELS[ctx.role]}
          navItems={navigationFor(ctx.role, { isPlatformAdmin: ctx.user.isPlatformAdmin })}
          signOutAction={signOutAction}
          decisionCount={decisionCount}
          companySwitcher={
            ctx.memberships.length > 1 ? (
              <CompanySwitcher
                action={switchCompanyAction}
                currentId={ctx.companyId}
                companies={ctx.memberships.map((m) => ({
                  companyId: m.companyId,
                  companyName: m.companyName,
                  roleLabel: ROLE_LABELS[m.role],
                }))}
              />
            ) : undefined
          }
        >
          <FormCompanyProvider companyId={ctx.companyId}>{children}</FormCompanyProvider>
        </AppShell>
      </OutboxProvider>
    </LiveScopeProvider>
  );
}
