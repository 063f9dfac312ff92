// A tab cannot act for another company (lib/action.ts checkFormCompany, docs/architecture.md §3 "Forms"), on real
// PostgreSQL with a real session: a person in two companies whose session moved to B (another tab opened a link of B)
// submits a form rendered for A. The action refuses it naming both companies, hands back what was typed, and nothing
// is written in either company; a form without the field or naming a company the person is not in is refused too;
// the same form sent for B goes through. Only the caller's resolution from Next's request is stood in for: the
// context is the one a real session row yields.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLocationAction } from "../../app/(app)/locations/actions";
import { tenantAction } from "../../lib/action";
import { loadSessionUser, requireTenantForAction, tenantContextFor, type AppContext } from "../../lib/auth/context";
import { createSession } from "../../lib/auth/sessions";
import type { PrismaClient } from "../../lib/db/client";
import { COMPANY_FIELD } from "../../lib/form-company";
import { createLocation } from "../../lib/locations/create-location";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import { addMembership } from "../factories/users";
import { superuserClient } from "../helpers/db";

vi.mock("../../lib/auth/context", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/auth/context")>()),
  requireTenantForAction: vi.fn(),
}));

let system: PrismaClient;
let a: CompanyFixture;
let b: CompanyFixture;
/** A's admin, also an admin of B, whose session is now in B. */
let inB: AppContext;

beforeAll(async () => {
  system = superuserClient(2);
  a = await createCompanyFixture(system, "tab-a");
  b = await createCompanyFixture(system, "tab-b");
  await addMembership(system, b.companyId, a.admin.id, "ADMIN");
  const claims = {
    sub: a.admin.id,
    companyId: b.companyId,
    sv: 1,
    mcp: false,
    sid: await createSession(a.admin.id, {}),
  };
  const session = await loadSessionUser(claims, { requestId: `test-${uniqueSuffix()}` });
  inB = tenantContextFor(session!);
  vi.mocked(requireTenantForAction).mockResolvedValue(inB);
});

afterAll(async () => {
  await system.$disconnect();
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

/** What a refused submit could have written: locations by that name anywhere, and audit rows of both companies. */
async function footprint(name: string) {
  return {
    locations: await system.location.count({ where: { name } }),
    auditRows: await system.auditLog.count({ where: { companyId: { in: [a.companyId, b.companyId] } } }),
  };
}

describe("a form rendered for another company than the session's", () => {
  it("is refused, naming both companies, with what was typed handed back and nothing written", async () => {
    const name = `Back room ${uniqueSuffix()}`;
    const before = await footprint(name);
    expect(before.locations).toBe(0);

    const result = await createLocationAction(null, form({ [COMPANY_FIELD]: a.companyId, name, code: "BR" }));

    expect(result).toEqual({
      ok: false,
      code: "CONFLICT",
      message:
        `This page was opened for Company ${a.slug}; you are now working in Company ${b.slug}. ` +
        `Reload to continue in Company ${b.slug}, or switch back to Company ${a.slug}.`,
      values: { name, code: "BR" },
    });
    expect(await footprint(name)).toEqual(before);
  });

  it("is refused without the field, or naming a company the person is not in, without naming it", async () => {
    const work = vi.fn((ctx: AppContext) => createLocation(ctx, { name: `Never ${uniqueSuffix()}` }));
    const outOfDate = {
      ok: false,
      code: "CONFLICT",
      message: `This page is out of date: you are now working in Company ${b.slug}. Reload it to continue in Company ${b.slug}.`,
    };
    expect(await tenantAction(form({}), work)).toEqual(outOfDate);
    expect(await tenantAction(form({ [COMPANY_FIELD]: randomUUID() }), work)).toEqual(outOfDate);
    expect(work).not.toHaveBeenCalled();
  });

  it("goes through when it was rendered for the session's company, and writes there", async () => {
    const name = `Yard ${uniqueSuffix()}`;
    const result = await tenantAction(form({ [COMPANY_FIELD]: b.companyId }), (ctx) => createLocation(ctx, { name }));
    expect(result).toMatchObject({ ok: true, data: { name } });
    expect(await system.location.findMany({ where: { name }, select: { companyId: true } })).toEqual([
      { companyId: b.companyId },
    ]);
  });
});
