// Company settings (admins only) on real PostgreSQL: each setting saved and read back with an audit row of exactly
// what changed; managers and staff refused; unknown keys (another company's id, status, slug) refused; bad values
// as field errors; a save over someone else's newer change refused as a CONFLICT, also when two admins race;
// company B's admin only ever touches company B.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CompanySettingsFields } from "../../lib/companies/company-settings-fields";
import { getCompanySettings } from "../../lib/companies/get-company-settings";
import { updateCompanySettings } from "../../lib/companies/update-company-settings";
import type { TenantContext } from "../../lib/context";
import type { PrismaClient } from "../../lib/db/client";
import { withTenantTx } from "../../lib/db/tenant";
import { AppError } from "../../lib/errors";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import { addMember } from "../factories/users";
import { superuserClient } from "../helpers/db";

let system: PrismaClient;

beforeAll(() => {
  system = superuserClient(4);
});

afterAll(async () => {
  await system.$disconnect();
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to be refused");
    },
    (error: unknown) => {
      if (!(error instanceof AppError)) throw error;
      return error;
    },
  );

/** The whole settings row, status and slug included, as the database holds it (system client: no scoping). */
async function companyRow(companyId: string) {
  return system.company.findUniqueOrThrow({
    where: { id: companyId },
    select: {
      name: true,
      slug: true,
      status: true,
      timeZone: true,
      currency: true,
      requireSecondApprover: true,
      lowStockAlerts: true,
      staffSeeMoney: true,
      updatedAt: true,
    },
  });
}

async function settingsAudit(companyId: string) {
  return system.auditLog.findMany({
    where: { companyId, action: "company.settings_changed" },
    select: { actorId: true, entityType: true, entityId: true, before: true, after: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

/** The form's input for the settings as they are now: every field plus the moment they were loaded. */
async function formFor(ctx: TenantContext) {
  const { updatedAt, ...fields } = await getCompanySettings(ctx);
  return { ...fields, updatedAt };
}

describe("an admin changing the company settings", () => {
  it("saves each setting, reads back as stored, with one audit row of only what changed", async () => {
    const company = await createCompanyFixture(system, "set-each");
    const original = await companyRow(company.companyId);
    // A new company hides money from its staff until its admin says otherwise.
    expect(original).toMatchObject({
      timeZone: "UTC",
      currency: "USD",
      requireSecondApprover: false,
      staffSeeMoney: false,
    });
    const name = `Renamed ${uniqueSuffix()}`;

    const steps: {
      change: Partial<Record<keyof CompanySettingsFields, unknown>>;
      stored: Partial<CompanySettingsFields>;
    }[] = [
      { change: { name: `  ${name}  ` }, stored: { name } },
      { change: { timeZone: "Europe/Berlin" }, stored: { timeZone: "Europe/Berlin" } },
      { change: { currency: "eur" }, stored: { currency: "EUR" } },
      { change: { requireSecondApprover: true }, stored: { requireSecondApprover: true } },
      { change: { lowStockAlerts: false }, stored: { lowStockAlerts: false } },
      { change: { staffSeeMoney: true }, stored: { staffSeeMoney: true } },
    ];
    let expected: CompanySettingsFields = {
      name: original.name,
      timeZone: original.timeZone,
      currency: original.currency,
      requireSecondApprover: original.requireSecondApprover,
      lowStockAlerts: original.lowStockAlerts,
      staffSeeMoney: original.staffSeeMoney,
    };
    for (const { change, stored } of steps) {
      const before = expected;
      const saved = await updateCompanySettings(company.ctx, { ...(await formFor(company.ctx)), ...change });
      expected = { ...expected, ...stored };
      const row = await companyRow(company.companyId);
      expect(row).toMatchObject({ ...expected, slug: original.slug, status: original.status });
      expect(saved).toEqual({ ...expected, updatedAt: row.updatedAt.toISOString() });

      const audit = await settingsAudit(company.companyId);
      const key = Object.keys(stored)[0] as keyof CompanySettingsFields;
      expect(audit.at(-1)).toEqual({
        actorId: company.admin.id,
        entityType: "company",
        entityId: company.companyId,
        before: { [key]: before[key] },
        after: { [key]: expected[key] },
      });
    }
    expect(await settingsAudit(company.companyId)).toHaveLength(steps.length);
    await expect(getCompanySettings(company.ctx)).resolves.toMatchObject(expected);
  });

  it("changes several settings at once in one audit row, also without the loaded moment", async () => {
    const company = await createCompanyFixture(system, "set-many");
    const { updatedAt: _loaded, ...current } = await formFor(company.ctx);
    const saved = await updateCompanySettings(company.ctx, {
      ...current,
      timeZone: "America/New_York",
      currency: "GBP",
      requireSecondApprover: true,
    });
    expect(saved).toMatchObject({ timeZone: "America/New_York", currency: "GBP", requireSecondApprover: true });
    expect(await settingsAudit(company.companyId)).toEqual([
      expect.objectContaining({
        before: { timeZone: "UTC", currency: "USD", requireSecondApprover: false },
        after: { timeZone: "America/New_York", currency: "GBP", requireSecondApprover: true },
      }),
    ]);
  });

  it("saving the settings as they are writes nothing and audits nothing", async () => {
    const company = await createCompanyFixture(system, "set-same");
    const before = await companyRow(company.companyId);
    const form = await formFor(company.ctx);
    await expect(updateCompanySettings(company.ctx, { ...form, name: ` ${form.name} ` })).resolves.toEqual(form);
    expect(await companyRow(company.companyId)).toEqual(before);
    expect(await settingsAudit(company.companyId)).toEqual([]);
  });
});

describe("refusals, each changing nothing", () => {
  let company: CompanyFixture;
  let other: CompanyFixture;

  beforeAll(async () => {
    [company, other] = await Promise.all([
      createCompanyFixture(system, "set-refuse"),
      createCompanyFixture(system, "set-other"),
    ]);
  });

  async function expectNothingChanged(run: () => Promise<void>) {
    const [rowBefore, otherBefore] = await Promise.all([companyRow(company.companyId), companyRow(other.companyId)]);
    await run();
    expect(await companyRow(company.companyId)).toEqual(rowBefore);
    expect(await companyRow(other.companyId)).toEqual(otherBefore);
    expect(await settingsAudit(company.companyId)).toEqual([]);
    expect(await settingsAudit(other.companyId)).toEqual([]);
  }

  it("managers and staff may neither change nor read the settings page's data", async () => {
    for (const role of ["MANAGER", "STAFF"] as const) {
      const member = await addMember(system, company.companyId, { role });
      await expectNothingChanged(async () => {
        const form = await formFor(company.ctx);
        const refused = await failure(
          updateCompanySettings(member.ctx, { ...form, name: `Taken over ${uniqueSuffix()}`, lowStockAlerts: false }),
        );
        expect(refused.code).toBe("FORBIDDEN");
        expect((await failure(getCompanySettings(member.ctx))).code).toBe("FORBIDDEN");
      });
    }
  });

  it("refuses unknown keys (another company's id, status, slug) as VALIDATION", async () => {
    await expectNothingChanged(async () => {
      const form = await formFor(company.ctx);
      for (const extra of [
        { companyId: other.companyId },
        { id: other.companyId },
        { status: "SUSPENDED" },
        { slug: `taken-${uniqueSuffix()}` },
      ]) {
        const refused = await failure(updateCompanySettings(company.ctx, { ...form, name: "Changed", ...extra }));
        expect(refused.code).toBe("VALIDATION");
        expect(refused.fieldErrors?._form?.join(" ")).toContain(Object.keys(extra)[0]);
      }
    });
  });

  it("reports bad values as field errors keyed by field", async () => {
    await expectNothingChanged(async () => {
      const form = await formFor(company.ctx);
      const cases: [Record<string, unknown>, string][] = [
        [{ name: "" }, "name"],
        [{ name: "   " }, "name"],
        [{ name: "First line\nsecond line" }, "name"],
        [{ name: "x".repeat(121) }, "name"],
        [{ timeZone: "Mars/Olympus_Mons" }, "timeZone"],
        [{ timeZone: "+01:00" }, "timeZone"],
        [{ timeZone: "" }, "timeZone"],
        [{ currency: "EURO" }, "currency"],
        [{ currency: "XQZ" }, "currency"],
        [{ currency: "" }, "currency"],
        [{ requireSecondApprover: "on" }, "requireSecondApprover"],
        [{ lowStockAlerts: undefined }, "lowStockAlerts"],
        [{ staffSeeMoney: "on" }, "staffSeeMoney"],
        [{ updatedAt: "yesterday" }, "updatedAt"],
      ];
      for (const [change, field] of cases) {
        const refused = await failure(updateCompanySettings(company.ctx, { ...form, ...change }));
        expect(refused.code, JSON.stringify(change)).toBe("VALIDATION");
        expect(Object.keys(refused.fieldErrors ?? {}), JSON.stringify(change)).toEqual([field]);
      }
      const several = await failure(
        updateCompanySettings(company.ctx, { ...form, name: "", timeZone: "Nowhere", currency: "12" }),
      );
      expect(several.fieldErrors).toEqual({
        name: ["Enter your company's name."],
        timeZone: ["Choose a time zone from the list."],
        currency: ["Use a three-letter currency code, such as USD."],
      });
    });
  });
});

describe("concurrency", () => {
  it("refuses a save over a newer change as a CONFLICT that says when", async () => {
    const company = await createCompanyFixture(system, "set-stale");
    const stale = await formFor(company.ctx);
    await updateCompanySettings(company.ctx, { ...stale, lowStockAlerts: !stale.lowStockAlerts });
    const rowAfterFirstSave = await companyRow(company.companyId);
    const refused = await failure(updateCompanySettings(company.ctx, { ...stale, name: `Stale ${uniqueSuffix()}` }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toMatch(
      /^These settings were changed by someone else at .+ \(UTC\); reload to see them\.$/,
    );
    expect(await companyRow(company.companyId)).toEqual(rowAfterFirstSave);
    expect(await settingsAudit(company.companyId)).toHaveLength(1);
  });

  it("of two admins saving the same loaded settings at once, one wins and the other gets a CONFLICT", async () => {
    const company = await createCompanyFixture(system, "set-race");
    const second = await addMember(system, company.companyId, { role: "ADMIN" });
    const form = await formFor(company.ctx);
    const outcomes = await Promise.allSettled([
      updateCompanySettings(company.ctx, { ...form, name: `First ${uniqueSuffix()}` }),
      updateCompanySettings(second.ctx, { ...form, name: `Second ${uniqueSuffix()}` }),
    ]);
    const won = outcomes.filter((o) => o.status === "fulfilled");
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toMatchObject({ code: "CONFLICT" });
    expect((await companyRow(company.companyId)).name).toBe(
      (won[0] as PromiseFulfilledResult<{ name: string }>).value.name,
    );
    expect(await settingsAudit(company.companyId)).toHaveLength(1);
  });
});

describe("two companies", () => {
  it("company B's admin changes only company B, whatever ids it passes", async () => {
    const [a, b] = await Promise.all([
      createCompanyFixture(system, "set-iso-a"),
      createCompanyFixture(system, "set-iso-b"),
    ]);
    const aBefore = await companyRow(a.companyId);
    const aForm = await formFor(a.ctx);
    const bForm = await formFor(b.ctx);

    const name = `B renamed ${uniqueSuffix()}`;
    const saved = await updateCompanySettings(b.ctx, { ...bForm, name, currency: "CHF" });
    expect(saved).toMatchObject({ name, currency: "CHF" });
    expect(await companyRow(b.companyId)).toMatchObject({ name, currency: "CHF" });

    // A's id anywhere in the input is an unknown key; A's loaded moment is not B's row's (B has just changed).
    for (const extra of [{ companyId: a.companyId }, { id: a.companyId }, { company: { id: a.companyId } }]) {
      const refused = await failure(updateCompanySettings(b.ctx, { ...saved, name: "B again", ...extra }));
      expect(refused.code).toBe("VALIDATION");
    }
    const withAsMoment = await failure(
      updateCompanySettings(b.ctx, { ...aForm, name: `B via A ${uniqueSuffix()}`, updatedAt: aForm.updatedAt }),
    );
    expect(withAsMoment.code).toBe("CONFLICT");

    expect(await companyRow(b.companyId)).toMatchObject({ name, currency: "CHF" });
    expect(await companyRow(a.companyId)).toEqual(aBefore);
    expect(await settingsAudit(a.companyId)).toEqual([]);
    expect(await settingsAudit(b.companyId)).toEqual([expect.objectContaining({ entityId: b.companyId })]);
    // B's admin reads B's settings, never A's.
    await expect(getCompanySettings(b.ctx)).resolves.toMatchObject({ name, currency: "CHF" });
  });

  it("even through the tenant client, B's transaction cannot reach A's row, and no tenant may touch status or slug", async () => {
    const [a, b] = await Promise.all([
      createCompanyFixture(system, "set-db-a"),
      createCompanyFixture(system, "set-db-b"),
    ]);
    const aBefore = await companyRow(a.companyId);
    const { count } = await withTenantTx(b.ctx, (tx) =>
      tx.company.updateMany({ where: { id: a.companyId }, data: { name: "Taken over" } }),
    );
    expect(count).toBe(0);
    // Column grants: the app role may update only the settings columns, even of its own company.
    await expect(
      withTenantTx(a.ctx, (tx) => tx.company.updateMany({ where: { id: a.companyId }, data: { status: "SUSPENDED" } })),
    ).rejects.toThrow(/permission denied|denied/i);
    expect(await companyRow(a.companyId)).toEqual(aBefore);
  });
});
