// The low-stock rule as SQL text: the behaviour (list filter, badges, product page and count agreeing over a
// scenario with product and location reorder points) is exercised on PostgreSQL in tests/integration/products.test.ts.
import { describe, expect, it } from "vitest";
import { Prisma } from "../db/generated/client";
import {
  atLocationPointCondition,
  lowHereCondition,
  lowInTotalCondition,
  lowStockCountSql,
  lowTotalsCondition,
} from "./low-stock";

const flat = (sql: Prisma.Sql) => sql.sql.replace(/\s+/g, " ").trim();

describe("lowInTotalCondition", () => {
  it("is low when the reorder point is above zero and the stock is at or below it, values as parameters", () => {
    const condition = lowInTotalCondition(Prisma.sql`${7}::int`, Prisma.sql`${10}::int`);
    expect(flat(condition)).toBe("(?::int > 0 AND ?::int <= ?::int)");
    expect(condition.values).toEqual([10, 7, 10]);
  });
});

describe("atLocationPointCondition", () => {
  it("is the partial index's predicate: a stock row at or below its location's own point", () => {
    expect(flat(atLocationPointCondition("s"))).toBe("(s.reorder_point IS NOT NULL AND s.on_hand <= s.reorder_point)");
  });
});

describe("lowHereCondition", () => {
  it("judges a stock row by its location's own point only, and never an archived product's", () => {
    expect(flat(lowHereCondition("s", Prisma.sql`q.archived`))).toBe(
      "((s.reorder_point IS NOT NULL AND s.on_hand <= s.reorder_point) AND NOT q.archived)",
    );
  });
});

describe("lowTotalsCondition", () => {
  it("is the partial index's predicate: low in total, or at some location", () => {
    expect(flat(lowTotalsCondition("t"))).toBe(
      "((t.reorder_point > 0 AND t.on_hand <= t.reorder_point) OR t.low_locations > 0)",
    );
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
    expect(atLocation.values).toEqual([companyId, companyId, locationId]);
  });
});
