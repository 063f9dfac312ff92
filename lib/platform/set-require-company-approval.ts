// Turns "new companies need approval" on or off. Sign-ups read the setting inside their own transaction, so each
// one sees it either before or after this change, never half of it. Audited on the platform log.
import "server-only";
import { z } from "zod";
import { auditValue, requestColumns } from "../audit/record-audit";
import { withSystemTx } from "../db/system";
import { parseInput } from "../errors";
import { DEFAULT_REQUIRE_COMPANY_APPROVAL, type PlatformSettingsView } from "./get-platform-settings";
import { requirePlatformAdmin, type PlatformContext } from "./require-platform-admin";

export const settingSchema = z.object({ requireCompanyApproval: z.boolean() }).strict();

export async function setRequireCompanyApproval(ctx: PlatformContext, input: unknown): Promise<PlatformSettingsView> {
  const { requireCompanyApproval } = parseInput(settingSchema, input);
  return withSystemTx(async (tx) => {
    await requirePlatformAdmin(tx, ctx);
    // FOR UPDATE: the before value in the audit row is the one this change replaced.
    const [before] = await tx.$queryRaw<{ require_company_approval: boolean }[]>`
      SELECT require_company_approval FROM platform_settings WHERE id = 1 FOR UPDATE`;
    const after = await tx.platformSettings.upsert({
      where: { id: 1 },
      create: { id: 1, requireCompanyApproval },
      update: { requireCompanyApproval },
      select: { requireCompanyApproval: true },
    });
    await tx.platformAuditLog.create({
      data: {
        actorId: ctx.userId,
        email: ctx.email,
        action: "platform.settings_changed",
        details: auditValue({
          before: { requireCompanyApproval: before?.require_company_approval ?? DEFAULT_REQUIRE_COMPANY_APPROVAL },
          after,
        }),
        ...requestColumns(ctx.request),
      },
      select: { id: true },
    });
    return after;
  });
}
