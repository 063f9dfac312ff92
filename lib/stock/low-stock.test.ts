// The low-stock rule as SQL text: the behaviour (list filter, badges and count agreeing over a scenario, per
// company and per location) is exercised on PostgreSQL in tests/integration/products.test.ts.
import { describe, expect, it } from "vitest";
import { Prisma } from "../db/generated/client";
import { lowStockCondition, stockTotalsByProduct, stockTotalsOfProduct } from "./low-stock";

const flat = (sql: Prisma.Sql) => sql.sql.replace(/\s+/g, " ").trim();

describe("lowStockCondition", () => {
  it("is low when the reorder point is above zero and the stock is at or below it", () => {
    const condition = lowStockCondition(Prisma.sql`coalesce(t.on_hand, 0)`);
    expect(flat(condition)).toBe("(p.reorder_point > 0 AND coalesce(t.on_hand, 0) <= p.reorder_point)");
    expect(condition.values).toEqual([]);
  });

  it("takes any stock and reorder point expressions, values as parameters", () => {
    const condition = lowStockCondition(Prisma.sql`${7}::int`, Prisma.sql`${10}::int`);
    expect(flat(condition)).toBe("(?::int > 0 AND ?::int <= ?::int)");
    expect(condition.values).toEqual([10, 7, 10]);
  });
});

describe("stock totals", () => {
  it("filter the stock rows by the company as a parameter, never as SQL text", () => {
    const companyId = "0190f3a2-0000-7000-8000-000000000001'; DROP TABLE products; --";
    for (const sql of [stockTotalsByProduct(companyId), stockTotalsOfProduct(companyId, Prisma.sql`p.id`)]) {
      expect(sql.sql).not.toContain(companyId);
      expect(sql.values).toEqual([companyId]);
      expect(flat(sql)).toContain("s.company_id = ?::uuid");
    }
    expect(flat(stockTotalsOfProduct("c", Prisma.sql`page.id`))).toContain("s.product_id = page.id");
  });
});
