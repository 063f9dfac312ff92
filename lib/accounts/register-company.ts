// Self-service sign-up: a new company and its first admin, in one system transaction (there is no tenant yet to
// scope to). The company starts ACTIVE, or PENDING when the platform requires approval; the caller then starts
// the session with the returned claims. The unique index on users.email decides a duplicate, so two sign-ups
// with one address at once cannot both succeed. The same transaction writes the one email it causes: the link that
// confirms the new admin's address. The welcome, and for a PENDING company the notice to every active platform
// administrator, wait for that confirmation (announceRegisteredCompany, issue 12, item 3).
import "server-only";
import { z } from "zod";
import { emailAddressSchema } from "./email-address";
import { singleLineText } from "../fields";
import { limitClientAddress } from "../auth/rate-limit";
import type { RequestMeta } from "../context";
import { systemPrisma, withSystemTx, type SystemTx } from "../db/system";
import { auditValue, requestColumns } from "../audit/record-audit";
import { AppError, parseInput, isUniqueViolation } from "../errors";
import { absoluteUrl } from "../email/links";
import { enqueuePlatformEmail } from "../email/outbox-enqueue-platform";
import { kickOutbox } from "../email/outbox-runner";
import { issueEmailConfirmation } from "./email-confirmation-link";
import { hashPassword } from "../auth/passwords";
import { newPasswordSchema } from "../auth/password-policy";
import type { IdentityClaims } from "../auth/session-token";
import { canonicalTimeZone, isCurrencyCode } from "../companies/company-settings-fields";
import { DEFAULT_REQUIRE_COMPANY_APPROVAL } from "../platform/get-platform-settings";

export const EMAIL_TAKEN =
  "An account with this email already exists. Sign in, or ask that company's admin to invite you.";

export const DEFAULT_LOCATION_NAME = "Main warehouse";

// Names end up in email subjects and headings: one line, no control characters.
const displayName = (missing: string, min: number) => singleLineText({ missing, min, max: 120 });

export const registrationSchema = z
  .object({
    companyName: displayName("Enter your company's name.", 2),
    name: displayName("Enter your name.", 1),
    email: emailAddressSchema,
    password: newPasswordSchema,
    confirmPassword: z.string({ error: "Repeat the password." }),
    timeZone: z
      .string()
      .trim()
      .max(64)
      .optional()
      .transform((zone, ctx) => {
        const known = canonicalTimeZone(zone || "UTC");
        if (!known) ctx.addIssue({ code: "custom", message: "Choose a time zone from the list.", input: zone });
        return known ?? "UTC";
      }),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .optional()
      .transform((code) => code || "USD")
      .refine(isCurrencyCode, "Choose a currency from the list."),
  })
  .strict()
  .refine((input) => input.password === input.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords do not match.",
    // Reported together with the other fields' errors, not only once they are all valid.
    when: ({ value }) => {
      const { password, confirmPassword } = (value ?? {}) as Record<string, unknown>;
      return typeof password === "string" && typeof confirmPassword === "string";
    },
  });

export interface RegisteredCompany {
  companyId: string;
  userId: string;
  slug: string;
  status: "ACTIVE" | "PENDING";
  /** For startSession: the new admin, signed in to the new company. */
  claims: IdentityClaims;
}

/** "Café Müller & Sons" → "cafe-muller-sons"; room is left for a clash suffix within the column's 64. */
function baseSlug(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
  return slug || "company";
}

/** The base slug, or base-2, base-3, … : the first one no company has. */
async function freeSlug(tx: SystemTx, name: string): Promise<string> {
  const base = baseSlug(name);
  const taken = new Set(
    (
      await tx.company.findMany({
        where: { OR: [{ slug: base }, { slug: { startsWith: `${base}-` } }] },
        select: { slug: true },
      })
    ).map((company) => company.slug),
  );
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

const emailTaken = () => AppError.validation({ email: [EMAIL_TAKEN] });

/** Another sign-up took the slug between our check and our insert: the whole transaction is retried. */
class SlugTaken extends Error {}

const SLUG_ATTEMPTS = 3;

/** Sign-ups per client address per hour: room for a team trying things, not for a script filling the table. */
export const REGISTRATIONS_PER_ADDRESS_PER_HOUR = 10;

export async function registerCompany(input: unknown, request: RequestMeta): Promise<RegisteredCompany> {
  const data = parseInput(registrationSchema, input);
  await limitClientAddress(request, {
    form: "register",
    max: REGISTRATIONS_PER_ADDRESS_PER_HOUR,
    windowMs: 60 * 60 * 1000,
    refusal: "Too many sign-ups from your network.",
  });
  // A cheap early answer that spares the password hash; the unique index below is what guarantees it.
  if (await systemPrisma().user.findUnique({ where: { email: data.email }, select: { id: true } })) throw emailTaken();
  const passwordHash = await hashPassword(data.password);

  for (let attempt = 1; ; attempt += 1) {
    try {
      const registered = await withSystemTx((tx) => createCompanyAndAdmin(tx, data, passwordHash, request));
      kickOutbox();
      return registered;
    } catch (error) {
      if (error instanceof SlugTaken && attempt < SLUG_ATTEMPTS) continue;
      throw error;
    }
  }
}

async function createCompanyAndAdmin(
  tx: SystemTx,
  data: z.output<typeof registrationSchema>,
  passwordHash: string,
  request: RequestMeta,
): Promise<RegisteredCompany> {
  // Read inside the transaction: a sign-up never sees half of a settings change.
  const settings = await tx.platformSettings.findUnique({ where: { id: 1 }, select: { requireCompanyApproval: true } });
  const status = (settings?.requireCompanyApproval ?? DEFAULT_REQUIRE_COMPANY_APPROVAL) ? "PENDING" : "ACTIVE";

  const user = await tx.user
    .create({
      data: { email: data.email, name: data.name, passwordHash, lastLoginAt: new Date() },
      select: { id: true, sessionVersion: true },
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? emailTaken() : error;
    });

  const company = await tx.company
    .create({
      data: {
        name: data.companyName,
        slug: await freeSlug(tx, data.companyName),
        status,
        timeZone: data.timeZone,
        rollupTimeZone: data.timeZone,
        currency: data.currency,
      },
      select: { id: true, name: true, slug: true, status: true, timeZone: true, currency: true },
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? new SlugTaken() : error;
    });
  const companyId = company.id;

  await tx.location.create({ data: { companyId, name: DEFAULT_LOCATION_NAME, isDefault: true }, select: { id: true } });
  await tx.orderRequestCounter.create({ data: { companyId }, select: { companyId: true } });
  await tx.membership.create({ data: { companyId, userId: user.id, role: "ADMIN" }, select: { id: true } });

  const meta = {
    ...requestColumns(request),
  };
  await tx.auditLog.create({
    data: {
      companyId,
      actorId: user.id,
      action: "company.registered",
      entityType: "company",
      entityId: companyId,
      after: auditValue(company),
      ...meta,
    },
    select: { id: true },
  });
  await tx.platformAuditLog.create({
    data: { actorId: user.id, email: data.email, action: "company.registered", details: auditValue(company), ...meta },
    select: { id: true },
  });

  // The only email now: the link that confirms the admin's address. Confirming it announces the company.
  await issueEmailConfirmation(tx, {
    userId: user.id,
    name: data.name,
    email: data.email,
    change: false,
    followUp: { registeredCompanyId: companyId },
  });

  return {
    companyId,
    userId: user.id,
    slug: company.slug,
    status,
    claims: { sub: user.id, companyId, sv: user.sessionVersion, mcp: false },
  };
}

/**
 * Once the new admin has confirmed their address (lib/accounts/email-confirmation.ts): the welcome to them and, while the
 * company still waits for approval, the notice to every active platform administrator. Before that, nothing of the
 * company reaches anyone: an address nobody confirmed may be someone else's, and the platform is not asked about it.
 */
export async function announceRegisteredCompany(
  tx: SystemTx,
  companyId: string,
  admin: { name: string; email: string },
): Promise<void> {
  const company = await tx.company.findUnique({
    where: { id: companyId },
    select: { name: true, status: true, timeZone: true, createdAt: true },
  });
  if (!company || (company.status !== "ACTIVE" && company.status !== "PENDING")) return;
  const { name, email } = admin;
  const companyName = company.name;
  await enqueuePlatformEmail(tx, {
    template: "company-registered",
    to: email,
    props:
      company.status === "ACTIVE"
        ? {
            name,
            companyName,
            status: company.status,
            dashboardUrl: absoluteUrl("/dashboard"),
            importUrl: absoluteUrl("/products/import"),
            usersUrl: absoluteUrl("/users"),
            settingsUrl: absoluteUrl("/settings"),
          }
        : { name, companyName, status: company.status, statusUrl: absoluteUrl("/company-status") },
  });
  if (company.status !== "PENDING") return;

  const platformAdmins = await tx.user.findMany({
    where: { isPlatformAdmin: true, active: true, emailVerifiedAt: { not: null } },
    select: { email: true },
    orderBy: { email: "asc" },
  });
  for (const platformAdmin of platformAdmins) {
    await enqueuePlatformEmail(tx, {
      template: "company-pending",
      to: platformAdmin.email,
      props: {
        companyName,
        registrantName: name,
        registrantEmail: email,
        timeZone: company.timeZone,
        registeredAt: company.createdAt.toISOString(),
        platformUrl: absoluteUrl("/platform"),
      },
    });
  }
}
