// next-auth's configuration: the credentials provider (email + password, checked by verifyCredentials, then a
// server-side session created, lib/auth/sessions.ts) and JWT sessions in an httpOnly cookie (secure and __Secure-
// prefixed on https). The token carries the claims of lib/auth/session-token.ts and nothing else;
// lib/auth/context.ts re-checks them on every request. A successful sign-in also hands the route a fresh device
// cookie (lib/auth/device-cookie.ts) to set on its response, and the device cookie the browser sent goes with the
// attempt, so a browser that signed in before is exempt from the account's lock-out.
import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "../env";
import { toFailure } from "../errors";
import { requestLogger } from "../logger";
import { CLIENT_ADDRESS_HEADER } from "../http/client-address";
import { deviceCookieFromHeader, deviceCookieHeader, signDeviceCookie } from "./device-cookie";
import { REQUEST_ID_HEADER } from "./headers";
import { SESSION_MAX_AGE_SECONDS } from "./session-cookie";
import { sessionClaimsSchema, type SessionClaims } from "./session-token";
import { createSession, revokeSessionById } from "./sessions";
import { verifyCredentials, type CredentialsResult } from "./sign-in";

type HeaderBag = Record<string, string | string[] | undefined> | undefined;

function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers?.[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The response of the request next-auth handles: a successful sign-in sets the device cookie on it. */
export interface SignInResponse {
  setCookie(header: string): void;
}

export function authOptions(response?: SignInResponse): AuthOptions {
  const { AUTH_SECRET, APP_URL } = env();
  return {
    secret: AUTH_SECRET,
    useSecureCookies: APP_URL.startsWith("https://"),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const headers = request.headers as HeaderBag;
          const meta = {
            ip: header(headers, CLIENT_ADDRESS_HEADER),
            userAgent: header(headers, "user-agent"),
            requestId: header(headers, REQUEST_ID_HEADER),
            deviceCookie: deviceCookieFromHeader(header(headers, "cookie"), APP_URL),
          };
          let result: CredentialsResult;
          try {
            result = await verifyCredentials(
              { email: credentials?.email ?? "", password: credentials?.password ?? "" },
              meta,
            );
          } catch (error) {
            // Too busy (argon2's line, the database): say so. Anything else: next-auth would hand any thrown text
            // to the form, so log the real error and show a generic one.
            const failure = toFailure(error);
            if (failure.code === "BUSY") throw new Error(failure.message);
            requestLogger({ requestId: meta.requestId }).error({ err: error }, "sign-in failed");
            throw new Error("Something went wrong on our side. Please try again.");
          }
          // next-auth hands this message to the sign-in form as its error.
          if (!result.ok) throw new Error(result.message);
          const claims: SessionClaims = { ...result.claims, sid: await createSession(result.claims.sub, meta) };
          response?.setCookie(deviceCookieHeader(signDeviceCookie(claims.sub, claims.sv, AUTH_SECRET), APP_URL));
          return { id: claims.sub, claims };
        },
      }),
    ],
    callbacks: {
      // At sign-in the token becomes exactly our claims; later reads leave it as it is.
      jwt({ token, user }) {
        const claims = (user as { claims?: SessionClaims } | undefined)?.claims;
        return claims ? sessionClaimsSchema.parse(claims) : token;
      },
      session({ session }) {
        return session;
      },
    },
    events: {
      // next-auth's own sign-out route (the app signs out with endSession, lib/auth/session-token.ts).
      async signOut({ token }) {
        const parsed = sessionClaimsSchema.safeParse(token);
        if (parsed.success) await revokeSessionById(parsed.data.sid);
      },
    },
  };
}
