// The start-up check of the app and system roles' time limits (lib/db/role-timeouts.ts; instrumentation.ts runs
// it): a role without them gets a warning naming the SQL that sets them. Only a warning: the app works without
// them, it just lets one stuck transaction hold locks and connections for everyone else.
import "server-only";
import { logger } from "../logger";
import { missingRoleTimeouts, roleTimeoutStatements } from "./role-timeouts";
import { systemPrisma } from "./system";
import { appPrisma } from "./tenant";

/** The warnings for the roles of DATABASE_URL and DATABASE_SYSTEM_URL; none when the database cannot be reached. */
export async function warnAboutRoleTimeouts(): Promise<string[]> {
  const warnings: string[] = [];
  for (const client of [appPrisma(), systemPrisma()]) {
    try {
      const { role, missing } = await missingRoleTimeouts(client);
      if (missing.length === 0) continue;
      const fix = roleTimeoutStatements(`"${role}"`).join("; ");
      warnings.push(
        `The database role "${role}" has no ${missing.join(", ")}: a stuck transaction can hold locks and ` +
          `connections for everyone. As a superuser, run: ${fix}; (README "Your own PostgreSQL").`,
      );
    } catch (error) {
      logger.warn({ err: error }, "could not check the database roles' time limits");
    }
  }
  for (const warning of warnings) logger.warn(warning);
  return warnings;
}
