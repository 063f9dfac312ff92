// Runs once when a server process starts. The work lives in a Node-only module (the Edge build of this file must
// not see process.exit, the database or the mail transport).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvironmentOrExit, startBackgroundJobs } = await import("./lib/startup");
    const { warnAboutRoleTimeouts } = await import("./lib/db/check-role-timeouts");
    const { buildMigrations } = await import("./lib/db/readiness");
    checkEnvironmentOrExit();
    void warnAboutRoleTimeouts();
    // The migrations this build expects (readiness compares them with the database's), as they are at start.
    buildMigrations();
    startBackgroundJobs();
  }
}
