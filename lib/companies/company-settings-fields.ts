// The fields of the company settings form, shared by the domain functions (server) and the settings page and form.
// Pure. The option lists come from the runtime's Intl data: the server builds them and the form only renders them,
// so server and browser never disagree about what is offered.
import { z } from "zod";
import { singleLineText } from "../fields";

export const COMPANY_NAME_MAX_LENGTH = 120;

/** The company's name: one line (it heads the app shell, emails and exports), no control or line-break characters. */
export const companyNameSchema = singleLineText({
  missing: "Enter your company's name.",
  max: COMPANY_NAME_MAX_LENGTH,
});

// The runtime's lists, read on first use: importing this module (the form does, for a constant) costs nothing.
let timeZoneList: readonly string[] | undefined;
let timeZoneSet: ReadonlySet<string> | undefined;
let currencySet: ReadonlySet<string> | undefined;

/** Every zone the runtime knows, "UTC" first (the runtime's list of canonical region zones leaves it out). */
function timeZones(): readonly string[] {
  return (timeZoneList ??= ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")]);
}

function isTimeZone(zone: string): boolean {
  return (timeZoneSet ??= new Set(timeZones())).has(zone);
}

function currencies(): ReadonlySet<string> {
  return (currencySet ??= new Set(Intl.supportedValuesOf("currency")));
}

/**
 * An IANA zone name as the runtime knows it (its canonical spelling: "utc" → "UTC"), or null; offsets such as
 * "+01:00" are not zones. Registration and the settings page both take zones through this one rule.
 */
export function canonicalTimeZone(zone: string): string | null {
  if (!/^[A-Za-z][\w+-]*(\/[\w+-]+)*$/.test(zone)) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** An IANA time zone name (daily charts and once-a-day rules use it). */
export const timeZoneSchema = z
  .string({ error: "Choose a time zone from the list." })
  .trim()
  .max(64, "Choose a time zone from the list.")
  .transform((zone, ctx) => {
    const known = canonicalTimeZone(zone);
    if (!known) {
      ctx.addIssue({ code: "custom", message: "Choose a time zone from the list." });
      return z.NEVER;
    }
    return known;
  });

/** Whether the runtime can format money in this ISO 4217 code. */
export function isCurrencyCode(code: string): boolean {
  return currencies().has(code);
}

/** An ISO 4217 code the runtime can format money in, e.g. "EUR"; typed lower case, it is stored upper case. */
export const currencySchema = z
  .string({ error: "Choose a currency from the list." })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, { error: "Use a three-letter currency code, such as USD.", abort: true })
  .refine(isCurrencyCode, "Choose a currency from the list.");

/** Every setting an admin edits, as the domain layer takes them: real booleans, not checkbox "on"s. */
export const companySettingsFieldsSchema = z.object({
  name: companyNameSchema,
  timeZone: timeZoneSchema,
  currency: currencySchema,
  requireSecondApprover: z.boolean({ error: "Choose whether a second person must approve requests." }),
  lowStockAlerts: z.boolean({ error: "Choose whether managers get low-stock emails." }),
  staffSeeMoney: z.boolean({ error: "Choose whether staff see cost prices and stock values." }),
});

export type CompanySettingsFields = z.infer<typeof companySettingsFieldsSchema>;

export const SETTINGS_FIELD_NAMES = Object.keys(companySettingsFieldsSchema.shape) as (keyof CompanySettingsFields)[];

/** The settings as the page shows them; `updatedAt` (ISO) goes back with the next save to detect a lost update. */
export interface CompanySettings extends CompanySettingsFields {
  updatedAt: string;
}

export interface SettingOption {
  value: string;
  label: string;
}

/**
 * The time zones to offer, "UTC" first. A current zone the list does not hold (sign-up accepts any zone the
 * runtime resolves, such as Etc/GMT+5) is offered too, so the form shows what is stored; saving asks for one
 * from the list.
 */
export function timeZoneOptions(current?: string): SettingOption[] {
  const zones = current && !isTimeZone(current) ? [current, ...timeZones()] : timeZones();
  return zones.map((zone) => ({ value: zone, label: zone.replaceAll("_", " ") }));
}

/** The currencies most companies use, offered first; every other supported code follows. */
export const COMMON_CURRENCIES = [
  "USD",
  "EUR",
  "GBP",
  "CAD",
  "AUD",
  "NZD",
  "CHF",
  "JPY",
  "CNY",
  "INR",
  "SGD",
  "HKD",
  "SEK",
  "NOK",
  "DKK",
  "PLN",
  "ZAR",
  "BRL",
  "MXN",
  "AED",
] as const;

/** The currency select's two groups: the common codes, then all others the runtime supports (by code). */
export function currencyOptions(current?: string): { common: SettingOption[]; other: SettingOption[] } {
  const names = new Intl.DisplayNames(["en"], { type: "currency" });
  const option = (code: string): SettingOption => {
    let name: string | undefined;
    try {
      name = names.of(code);
    } catch {
      // A stored code Intl cannot even parse is shown as it is.
    }
    return { value: code, label: name && name !== code ? `${code} — ${name}` : code };
  };
  const supported = currencies();
  const common = new Set<string>(COMMON_CURRENCIES.filter((code) => supported.has(code)));
  const other = [...supported].filter((code) => !common.has(code));
  if (current && !supported.has(current)) other.unshift(current);
  return { common: [...common].map(option), other: other.map(option) };
}
