// Low-stock alerts (issue "Email", part 3): when stock leaving takes a product low (lib/stock/low-stock.ts: its total
// on hand from above its reorder point to at or below it, or its stock at a location from above that location's own
// reorder point to at or below it), the company's managers and admins are told — at most once per product per day
// in the company's time zone (the day is claimed by an INSERT … ON CONFLICT DO NOTHING, so two transactions or two
// app instances crossing at once send one alert), only when the company has alerts on, and only to those who have
// not turned "stock.low" off. One email per person per operation, listing every product it took low. "Before" is
// what the stock was without this operation's change, read after every earlier operation committed (see the lock).
import "server-only";
import type { TenantContext } from "../context";
import type { TenantTx } from "../db/tenant";
import { absoluteUrl } from "../email/links";
import { enqueueEmail } from "../email/enqueue-email";
import { withNotificationsOn } from "../notifications/recipients";
import { lowInTotalCondition } from "./low-stock";
import { Prisma } from "../db/generated/client";

/** Products listed in one email; the rest are counted ("and 12 more") and found on the low-stock list. */
const LISTED = 20;

interface CrossedProduct {
  id: string;
  name: string;
  sku: string;
  reorder_point: number;
  on_hand: bigint;
  /** Where it went low by the location's own point: "Main warehouse: 3, reorder point there 5"; null if in total. */
  location_name: string | null;
  location_on_hand: number | null;
  location_reorder_point: number | null;
}

/** One stock row's net change in the operation just applied. */
export interface StockRowChange {
  productId: string;
  locationId: string;
  quantity: number;
}

/**
 * `changes`: each stock row's net change in the operation just applied (its rows already updated). Products whose
 * stock went down are checked before and after: on their total against their own reorder point, and at each
 * location that went down against that location's own point.
 */
export async function alertLowStock(tx: TenantTx, ctx: TenantContext, changes: StockRowChange[]): Promise<void> {
  const fallingRows = changes.filter((change) => change.quantity < 0);
  if (fallingRows.length === 0) return;
  const netChanges = new Map<string, number>();
  for (const change of changes) {
    netChanges.set(change.productId, (netChanges.get(change.productId) ?? 0) + change.quantity);
  }
  const company = await tx.company.findFirst({ select: { name: true, timeZone: true, lowStockAlerts: true } });
  if (!company?.lowStockAlerts) return;

  const fallingIds = [...new Set(fallingRows.map((change) => change.productId))];
  // Watched: active products with a point of their own, or a location point where their stock fell.
  const watched = await tx.$queryRaw<{ id: string }[]>`
    SELECT p.id::text FROM products p
     WHERE p.company_id = ${ctx.companyId}::uuid AND p.id = ANY(${fallingIds}::uuid[]) AND NOT p.archived
       AND (p.reorder_point > 0 OR EXISTS (
             SELECT 1 FROM stock_levels l
              WHERE l.company_id = ${ctx.companyId}::uuid AND l.product_id = p.id AND l.reorder_point IS NOT NULL))`;
  if (watched.length === 0) return;
  // Two operations taking one product down at different locations at once would each see the other's stock as it
  // was, and neither would see the crossing. Their checks take turns on one lock per company, held to commit
  // (short: this is the end of the operation), and each reads the stock committed before it; after all the row
  // locks, and one lock however many products, so neither deadlocks nor fills the lock table.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`low-stock:${ctx.companyId}`}, 0))`;
  const watchedIds = new Set(watched.map((product) => product.id));
  const candidates = [...netChanges].filter(([id, change]) => change < 0 && watchedIds.has(id));
  const rows = fallingRows.filter((change) => watchedIds.has(change.productId));
  // A product crossing in total, else at the first location (by name) that crossed its own point: one line each.
  const crossed = await tx.$queryRaw<CrossedProduct[]>`
    SELECT p.id::text, p.name, p.sku, p.reorder_point, t.on_hand,
           CASE WHEN NOT in_total THEN at_location.name END AS location_name,
           CASE WHEN NOT in_total THEN at_location.on_hand END AS location_on_hand,
           CASE WHEN NOT in_total THEN at_location.reorder_point END AS location_reorder_point
      FROM products p
      JOIN product_stock_totals t ON t.company_id = ${ctx.companyId}::uuid AND t.product_id = p.id
      LEFT JOIN unnest(${candidates.map(([id]) => id)}::uuid[], ${candidates.map(([, change]) => change)}::bigint[])
           AS c(product_id, change) ON c.product_id = p.id
      LEFT JOIN LATERAL (
        SELECT loc.name, l.on_hand, l.reorder_point
          FROM unnest(${rows.map((row) => row.productId)}::uuid[], ${rows.map((row) => row.locationId)}::uuid[],
                      ${rows.map((row) => row.quantity)}::int[]) AS r(product_id, location_id, change)
          JOIN stock_levels l ON l.company_id = ${ctx.companyId}::uuid AND l.product_id = r.product_id
                             AND l.location_id = r.location_id
          JOIN locations loc ON loc.company_id = ${ctx.companyId}::uuid AND loc.id = l.location_id
         WHERE r.product_id = p.id AND l.reorder_point IS NOT NULL
           AND l.on_hand <= l.reorder_point AND l.on_hand - r.change > l.reorder_point
         ORDER BY loc.name
         LIMIT 1) at_location ON true
      CROSS JOIN LATERAL (
        SELECT c.change IS NOT NULL
               AND ${lowInTotalCondition(Prisma.sql`t.on_hand`, Prisma.sql`p.reorder_point`)}
               AND NOT ${lowInTotalCondition(Prisma.sql`(t.on_hand - c.change)`, Prisma.sql`p.reorder_point`)}
               AS in_total) crossing
     WHERE p.company_id = ${ctx.companyId}::uuid AND p.id = ANY(${[...watchedIds]}::uuid[])
       AND (crossing.in_total OR at_location.name IS NOT NULL)
     ORDER BY lower(p.name), p.sku, p.id`;
  if (crossed.length === 0) return;

  const claimed = await tx.$queryRaw<{ product_id: string }[]>`
    INSERT INTO low_stock_alerts (company_id, product_id, day)
    SELECT ${ctx.companyId}::uuid, id, (now() AT TIME ZONE ${company.timeZone})::date
      FROM unnest(${crossed.map((p) => p.id)}::uuid[]) AS c(id)
    ON CONFLICT (company_id, product_id, day) DO NOTHING
    RETURNING product_id::text`;
  const claimedIds = new Set(claimed.map((row) => row.product_id));
  const alerted = crossed.filter((product) => claimedIds.has(product.id));
  if (alerted.length === 0) return;

  const managers = await tx.membership.findMany({
    where: { role: { in: ["ADMIN", "MANAGER"] }, active: true, user: { active: true } },
    select: { userId: true, user: { select: { name: true, email: true } } },
  });
  const wanted = await withNotificationsOn(
    tx,
    "stock.low",
    managers.map((m) => m.userId),
  );
  const products = alerted
    .slice(0, LISTED)
    .map((p) =>
      p.location_name === null
        ? `${p.name} (${p.sku}): ${Number(p.on_hand).toLocaleString("en-US")} on hand, reorder point ${p.reorder_point.toLocaleString("en-US")}`
        : `${p.name} (${p.sku}): ${p.location_on_hand!.toLocaleString("en-US")} on hand at ${p.location_name}, reorder point there ${p.location_reorder_point!.toLocaleString("en-US")}`,
    )
    .join("\n");
  const productsUrl = absoluteUrl(alerted.length === 1 ? `/products/${alerted[0]!.id}` : "/products?stock=low");
  for (const { userId, user } of managers) {
    if (!wanted.has(userId)) continue;
    await enqueueEmail(tx, ctx, {
      template: "low-stock",
      to: user.email,
      props: {
        recipientName: user.name || user.email,
        companyName: company.name,
        productCount: alerted.length,
        firstProductName: alerted[0]!.name,
        products,
        moreCount: Math.max(0, alerted.length - LISTED),
        productsUrl,
      },
    });
  }
}
