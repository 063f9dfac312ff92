// Server-side sessions (docs/architecture.md §8). The session token names a row of `sessions` (a random uuid, the
// `sid` claim); lib/auth/context.ts refuses a token whose row is gone, revoked or expired, in the same query that
// re-checks the user. Sign-out revokes the row, so a cookie captured before it is worth nothing afterwards.
// A platform table, through the system client: one person's sessions span all their companies.
import "server-only";
import { z } from "zod";
import type { RequestMeta } from "../context";
import { systemPrisma, withSystemTx, type SystemTx } from "../db/system";
import { AppError, parseInput } from "../errors";
import { idSchema, stripControlCharacters } from "../fields";
import { SESSION_MAX_AGE_SECONDS } from "./session-cookie";
import { describeUserAgent, lastSeenLabel } from "./session-device";
import { recordUserAudit } from "./user-audit";

/** Last seen moves at most this often per session: a busy session is not a write per request. */
const LAST_SEEN_STEP_MS = 60_000;

const USER_AGENT_LENGTH = 256;
const IP_LENGTH = 64;

function expiresFromNow(): Date {
  return new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
}

/** A new session for a person this request has just verified; its id goes into the token. */
export async function createSession(userId: string, request: RequestMeta): Promise<string> {
  const userAgent = request.userAgent ? stripControlCharacters(request.userAgent).slice(0, USER_AGENT_LENGTH) : null;
  const session = await systemPrisma().session.create({
    data: { userId, expiresAt: expiresFromNow(), userAgent, ip: request.ip?.slice(0, IP_LENGTH) ?? null },
    select: { id: true },
  });
  return session.id;
}

/** A token re-issued for the same session (company switch, password change) lives longer: so does its row. */
export async function extendSession(sessionId: string, userId: string): Promise<void> {
  await systemPrisma().session.updateMany({
    where: { id: sessionId, userId, revokedAt: null },
    data: { expiresAt: expiresFromNow() },
  });
}

/** Records activity, at most once a step: the condition keeps concurrent requests to one write. */
export async function touchSession(sessionId: string): Promise<void> {
  await systemPrisma().$executeRaw`
    UPDATE sessions SET last_seen_at = now()
     WHERE id = ${sessionId}::uuid AND last_seen_at < now() - make_interval(secs => ${LAST_SEEN_STEP_MS / 1000})`;
}

/** Whether a session last seen at this time is due a touchSession. */
export function lastSeenIsStale(lastSeenAt: Date, now = new Date()): boolean {
  return now.getTime() - lastSeenAt.getTime() >= LAST_SEEN_STEP_MS;
}

/** Ends one session by the id its own (authenticated) token carries: sign-out. */
export async function revokeSessionById(sessionId: string): Promise<void> {
  await systemPrisma().session.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
}

/**
 * Ends every session of a person but `except` (the one a password change keeps). Takes the caller's transaction,
 * so the revocation commits with the password change it belongs to.
 */
export async function revokeSessionsOf(
  db: SystemTx,
  userId: string,
  options: { except?: string } = {},
): Promise<number> {
  const { count } = await db.session.updateMany({
    where: { userId, revokedAt: null, ...(options.except ? { id: { not: options.except } } : {}) },
    data: { revokedAt: new Date() },
  });
  return count;
}

/** "Sign out everywhere": every session of the person, this one included; audited like a password change. */
export async function signOutEverywhere(owner: { userId: string; email: string; request: RequestMeta }) {
  await withSystemTx(async (tx) => {
    const ended = await revokeSessionsOf(tx, owner.userId);
    await recordUserAudit(
      tx,
      {
        userId: owner.userId,
        email: owner.email,
        action: "user.signed_out_everywhere",
        after: { sessionsEnded: ended },
      },
      owner.request,
    );
  });
}

export const revokeSchema = z.object({ sessionId: idSchema("That session") }).strict();

/**
 * Signs out one of the person's own sessions from the profile. Another person's session id, or one already ended,
 * is NOT_FOUND. Returns whether it was the session making the request (the caller then clears its cookie).
 */
export async function revokeOwnSession(
  owner: { userId: string; sessionId: string },
  input: unknown,
): Promise<{ current: boolean }> {
  const { sessionId: id } = parseInput(revokeSchema, input);
  const { count } = await systemPrisma().session.updateMany({
    where: { id, userId: owner.userId, revokedAt: null, expiresAt: { gt: new Date() } },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw AppError.notFound("That session");
  return { current: id === owner.sessionId };
}

export interface SessionSummary {
  id: string;
  /** "Chrome on Android". */
  device: string;
  /** "12 minutes ago". */
  lastSeen: string;
  /** The session making this request. */
  current: boolean;
}

/** The person's active sessions, this device first, then by last seen. */
export async function listOwnSessions(owner: { userId: string; sessionId: string }): Promise<SessionSummary[]> {
  const now = new Date();
  const rows = await systemPrisma().session.findMany({
    where: { userId: owner.userId, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true, userAgent: true, lastSeenAt: true },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
  });
  return rows
    .map((row) => ({
      id: row.id,
      device: describeUserAgent(row.userAgent),
      lastSeen: lastSeenLabel(row.lastSeenAt, now),
      current: row.id === owner.sessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}
