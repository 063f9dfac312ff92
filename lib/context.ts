// Who is acting, and in which company: built once per request from the verified session (lib/auth/context.ts)
// and passed to every domain function. companyId never comes from client input.
import type { Role } from "./auth/permissions";

export interface RequestMeta {
  requestId?: string;
  ip?: string;
  userAgent?: string;
  /** The device cookie's value, if the browser sent one (lib/auth/device-cookie.ts): trusted at sign-in if valid. */
  deviceCookie?: string;
}

export interface TenantContext {
  companyId: string;
  userId: string;
  email: string;
  role: Role;
  request?: RequestMeta;
}
