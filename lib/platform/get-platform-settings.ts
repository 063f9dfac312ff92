// The platform-wide settings (one row), for the platform administration page.
import "server-only";
import { systemPrisma } from "../db/system";
import { requirePlatformAdmin, type PlatformContext } from "./require-platform-admin";

export interface PlatformSettingsView {
  /** New companies start PENDING and wait for a platform administrator. */
  requireCompanyApproval: boolean;
}

/** When the settings row is missing (the migrations create it): a new installation requires approval. */
export const DEFAULT_REQUIRE_COMPANY_APPROVAL = true;

export async function getPlatformSettings(ctx: PlatformContext): Promise<PlatformSettingsView> {
  const db = systemPrisma();
  await requirePlatformAdmin(db, ctx);
  const settings = await db.platformSettings.findUnique({ where: { id: 1 }, select: { requireCompanyApproval: true } });
  return { requireCompanyApproval: settings?.requireCompanyApproval ?? DEFAULT_REQUIRE_COMPANY_APPROVAL };
}
