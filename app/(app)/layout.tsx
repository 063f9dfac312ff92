import { AppShell } from "@/components/layout/app-shell";
import { navigationFor, ROLE_LABELS } from "@/components/layout/navigation";
import { requireTenant } from "@/lib/auth/context";
import { signOutAction } from "./actions";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requireTenant();
  return (
    <AppShell
      companyName={ctx.company.name}
      userName={ctx.user.name}
      roleLabel={ROLE_LABELS[ctx.role]}
      navItems={navigationFor(ctx.role)}
      signOutAction={signOutAction}
    >
      {children}
    </AppShell>
  );
}
