// Which events make a page refresh: the list pages any change of their kind, the detail pages only their own
// product or request (and, for a request, the stock of its products).
import { describe, expect, it } from "vitest";
import type { CompanyEvent, DomainEvent } from "@/lib/events/types";
import { ORDER_STATUSES } from "@/lib/orders/order-state-machine";
import { ALL_TOPICS, isRelevant, type LiveTopics } from "./live-topics";

const tag = (event: DomainEvent): CompanyEvent => ({ ...event, companyId: "c", at: "t" });
const stock = (...productIds: string[]) => tag({ type: "stock.changed", productIds, locationIds: ["l1"] });
const product = (...productIds: string[]) => tag({ type: "product.changed", productIds });
const order = (orderId: string, status = "APPROVED") =>
  tag({ type: "order.changed", orderId, requesterId: "u", status });
const location = tag({ type: "location.changed", locationId: "l1" });
const membership = tag({ type: "membership.changed", userId: "me" });

const productList: LiveTopics = { stock: true, products: true, locations: true };
const productPage: LiveTopics = { stock: ["p1"], products: ["p1"], locations: true };
const requestList: LiveTopics = { orders: true };
const requestPage: LiveTopics = { orders: ["o1"], stock: ["p1", "p2"] };

const stocktake = (stocktakeId: string) => tag({ type: "stocktake.changed", stocktakeId });
const stocktakeList: LiveTopics = { stocktakes: true };
const stocktakePage: LiveTopics = { stocktakes: ["s1"] };

describe("isRelevant", () => {
  it("stocktakes: the list any count or step, a stocktake's page only its own; neither stock nor requests", () => {
    expect(isRelevant(stocktakeList, stocktake("s9"))).toBe(true);
    expect(isRelevant(stocktakePage, stocktake("s1"))).toBe(true);
    expect(isRelevant(stocktakePage, stocktake("s2"))).toBe(false);
    expect([stock("p1"), order("o1")].some((e) => isRelevant(stocktakePage, e))).toBe(false);
    expect(isRelevant(productList, stocktake("s1"))).toBe(false);
  });

  it("product list: any stock, product or location change; not requests", () => {
    expect([stock("p9"), product("p9"), location].every((e) => isRelevant(productList, e))).toBe(true);
    expect(isRelevant(productList, order("o1"))).toBe(false);
  });

  it("product page: only its own product's stock and details", () => {
    expect(isRelevant(productPage, stock("p7", "p1"))).toBe(true);
    expect(isRelevant(productPage, product("p1"))).toBe(true);
    expect(isRelevant(productPage, stock("p2"))).toBe(false);
    expect(isRelevant(productPage, product("p2", "p3"))).toBe(false);
    expect(isRelevant(productPage, order("o1"))).toBe(false);
  });

  it("request list: any request; not stock", () => {
    expect(isRelevant(requestList, order("o9"))).toBe(true);
    expect(isRelevant(requestList, stock("p1"))).toBe(false);
    expect(isRelevant(requestList, product("p1"))).toBe(false);
  });

  it("request page: its own request, and the stock of its products", () => {
    expect(isRelevant(requestPage, order("o1"))).toBe(true);
    expect(isRelevant(requestPage, order("o2"))).toBe(false);
    expect(isRelevant(requestPage, stock("p2"))).toBe(true);
    expect(isRelevant(requestPage, stock("p3"))).toBe(false);
    expect(isRelevant({ orders: ["o1"], stock: [] }, stock("p1"))).toBe(false);
  });

  it("a request's list and page refresh whatever status it reached, a backorder and a closed one too", () => {
    for (const status of ORDER_STATUSES) {
      expect(isRelevant(requestList, order("o9", status)), status).toBe(true);
      expect(isRelevant(requestPage, order("o1", status)), status).toBe(true);
      expect(isRelevant(requestPage, order("o2", status)), status).toBe(false);
    }
  });

  it("dashboard: everything", () => {
    expect([stock("x"), product("x"), order("x"), location].every((e) => isRelevant(ALL_TOPICS, e))).toBe(true);
  });

  it("a change to the viewer's own membership refreshes every live page", () => {
    for (const topics of [productList, productPage, requestList, requestPage, {}]) {
      expect(isRelevant(topics, membership)).toBe(true);
    }
  });
});
