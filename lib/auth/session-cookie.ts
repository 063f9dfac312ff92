// next-auth's session cookie names: the __Secure- prefix whenever the app is served over https. Pure, so that
// proxy.ts can use it without loading the environment or next-auth.
export function sessionCookieName(appUrl: string): string {
  return appUrl.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** How long a session token (and the session it names) lasts after it was issued. */
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;
