// Low-stock alerts (issue "Email", part 3): when stock leaving takes a product's total on hand from above its
// reorder point to at or below it, the company's managers and admins are told — at most once per product per day
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
import { lowStockCondition } from "./low-stock";
import { Prisma } from "../db/generated/client";

/** Products listed in one email; the rest are counted ("and 12 more") and found on the low-stock list. */
const LISTED = 20;

interface CrossedProduct {
  id: string;
  name: string;
  sku: string;
  reorder_point: number;
  on_hand: bigint;
}

/**
 * `netChanges`: each product's net change in the operation just applied (its rows already updated). Products
 * whose stock went down are checked against their reorder point before and after.
 */
export async function alertLowStock(tx: TenantTx, ctx: TenantContext, netChanges: Map<string, number>): Promise<void> {
  const falling = [...netChanges].filter(([, change]) => change < 0);
  if (falling.length === 0) return;
  const company = await tx.company.findFirst({ select: { name: true, timeZone: true, lowStockAlerts: true } });
  if (!company?.lowStockAlerts) return;

  const watched = await tx.product.findMany({
    where: { id: { in: falling.map(([id]) => id) }, archived: false, reorderPoint: { gt: 0 } },
    select: { id: true },
  });
  if (watched.length === 0) return;
  // Two operations taking one product down at different locations at once would each see the other's stock as it
  // was, and neither would see the crossing. Their checks take turns on one lock per company, held to commit
  // (short: this is the end of the operation), and each reads the stock committed before it; after all the row
  // locks, and one lock however many products, so neither deadlocks nor fills the lock table.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`low-stock:${ctx.companyId}`}, 0))`;
  const watchedIds = new Set(watched.map((product) => product.id));
  const candidates = falling.filter(([id]) => watchedIds.has(id));
  const crossed = await tx.$queryRaw<CrossedProduct[]>`
    SELECT p.id::text, p.name, p.sku, p.reorder_point, t.on_hand
      FROM unnest(${candidates.map(([id]) => id)}::uuid[], ${candidates.map(([, change]) => change)}::bigint[])
           AS c(product_id, change)
      JOIN products p ON p.company_id = ${ctx.companyId}::uuid AND p.id = c.product_id
      JOIN product_stock_totals t ON t.company_id = ${ctx.companyId}::uuid AND t.product_id = p.id
     WHERE ${lowStockCondition(Prisma.sql`t.on_hand`)}
       AND NOT ${lowStockCondition(Prisma.sql`(t.on_hand - c.change)`)}
     ORDER BY lower(p.name), p.sku`;
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
    .map(
      (p) =>
        `${p.name} (${p.sku}): ${Number(p.on_hand).toLocaleString("en-US")} on hand, reorder point ${p.reorder_point.toLocaleString("en-US")}`,
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
