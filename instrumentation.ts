// Runs once when a server process starts. The check lives in a Node-only module (the Edge build of this file
// must not see process.exit).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvironmentOrExit } = await import("./lib/startup");
    checkEnvironmentOrExit();
  }
}
