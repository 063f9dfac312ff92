import "server-only";
import { cookies } from "next/headers";
import { currentSessionCookieName } from "./session-token";

export async function signOut(): Promise<void> {
  (await cookies()).delete(currentSessionCookieName());
}
