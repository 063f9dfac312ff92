import { env, EnvError } from "./env";

/** A missing or bad environment variable stops the server with a message naming it, before any request. */
export function checkEnvironmentOrExit(): void {
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
