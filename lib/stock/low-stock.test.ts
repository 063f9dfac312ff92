// The low-stock rule as SQL text: the behaviour (list filter, badges and count agreeing over a scenario, per
// company and per location) is exercised on PostgreSQL in tests/integration/products.test.ts.
import { describe, expect, it } from "vitest";
import { Prisma } from "../db/generated/client";
import { lowStockCondition, lowStockCountSql } from "./low-stock";

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

describe("lowStockCountSql", () => {
  it("filters by the company and the location as parameters, never as SQL text", () => {
    const companyId = "0190f3a2-0000-7000-8000-000000000001'; DROP TABLE products; --";
    const locationId = "0190f3a2-0000-7000-8000-000000000002'; --";
    const overAll = lowStockCountSql(companyId);
    expect(overAll.sql).not.toContain(companyId);
    expect(overAll.values).toEqual([companyId]);
    expect(flat(overAll)).toContain("FROM product_stock_totals t WHERE t.company_id = ?::uuid AND NOT t.archived");
    const atLocation = lowStockCountSql(companyId, locationId);
    expect(atLocation.sql).not.toContain(companyId);
    expect(atLocation.sql).not.toContain(locationId);
    expect(atLocation.values).toEqual([companyId, locationId, companyId]);
  });
});
