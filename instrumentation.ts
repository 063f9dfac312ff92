// Runs once when a server process starts: a missing or bad environment variable stops it with a message
// naming the variable, instead of failing later on the first request that needs it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, EnvError } = await import("./lib/env");
  try {
    env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`[stockflow] ${error.message}\nSee README "Configuration".`);
      process.exit(1);
    }
    throw error;
  }
}
