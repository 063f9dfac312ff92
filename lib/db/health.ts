import { logger } from "../logger";
import { appPrisma } from "./tenant";

export async function checkDatabase(): Promise<boolean> {
  try {
    await appPrisma().$queryRaw`SELECT 1`;
    return true;
  } catch (error) {
    logger.error({ err: error }, "database health check failed");
    return false;
  }
}
