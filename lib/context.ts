// Who is acting, and in which company: built once per request from the verified session (lib/auth/context.ts)
// and passed to every domain function. companyId never comes from client input.
import type { Role } from "./auth/permissions";

export interface RequestMeta {
  requestId?: string;
  ip?: string;
  userAgent?: string;
}

export interface TenantContext {
  companyId: string;
  userId: string;
  email: string;
  role: Role;
  request?: RequestMeta;
}
