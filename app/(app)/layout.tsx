import { AppShell } from "@/components/layout/app-shell";
import { navigationFor, ROLE_LABELS } from "@/components/layout/navigation";
import { requireTenant } from "@/lib/auth/context";
import { homePathFor } from "@/lib/auth/home";
import { CompanySwitcher } from "@/components/layout/company-switcher";
import { FormCompanyProvider } from "@/components/ui/company-field";
import { signOutAction, switchCompanyAction } from "./actions";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requireTenant();
  return (
    <AppShell
      homeHref={homePathFor(ctx.role)}
      companyName={ctx.company.name}
      userName={ctx.user.name}
      roleLabel={ROLE_LABELS[ctx.role]}
      navItems={navigationFor(ctx.role, { isPlatformAdmin: ctx.user.isPlatformAdmin })}
      signOutAction={signOutAction}
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
  );
}
