// memberAsKnown (./member-summary.ts) in SQL, for queries that name people in lists: a person the company has
// deactivated is named as they were then, never by what they call themselves since (docs/architecture.md §8).
import "server-only";
import { Prisma } from "../db/generated/client";

/**
 * The name company `companyId` knows user `userId` by, where `currentName` is that user's name today (its `users`
 * row joined by the caller). One index lookup on memberships (company_id, user_id).
 */
export function knownNameSql(companyId: Prisma.Sql, userId: Prisma.Sql, currentName: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`coalesce((SELECT km.deactivated_name FROM memberships km
                               WHERE km.company_id = ${companyId} AND km.user_id = ${userId} AND NOT km.active),
                             ${currentName})`;
}
