// Approve, suspend or reactivate a company. The write is conditional on the status the change starts from
// (`updateMany where { id, status: from }`), so of two administrators clicking at once exactly one wins and the
// other is told; the platform and company audit rows and an email to each of the company's admins commit with it.
import "server-only";
import { z } from "zod";
import { auditValue, requestColumns } from "../audit/record-audit";
import { withSystemTx } from "../db/system";
import { absoluteUrl } from "../email/links";
import { enqueuePlatformEmail } from "../email/outbox-enqueue-platform";
import { kickOutbox } from "../email/outbox-runner";
import { AppError, parseInput } from "../errors";
import { COMPANY_STATUS_CHANGES, COMPANY_STATUS_LABELS, type CompanyStatus } from "./company-status-changes";
import { requirePlatformAdmin, type PlatformContext } from "./require-platform-admin";

export const changeSchema = z
  .object({
    companyId: z.uuid("Choose a company."),
    change: z.enum(Object.keys(COMPANY_STATUS_CHANGES) as [keyof typeof COMPANY_STATUS_CHANGES]),
  })
  .strict();

export interface CompanyStatusChanged {
  companyId: string;
  companyName: string;
  status: CompanyStatus;
  /** How many of the company's admins were emailed. */
  emailed: number;
}

export async function changeCompanyStatus(ctx: PlatformContext, input: unknown): Promise<CompanyStatusChanged> {
  const { companyId, change } = parseInput(changeSchema, input);
  const { from, to, done } = COMPANY_STATUS_CHANGES[change];
  const action = `company.${done}`;

  const result = await withSystemTx(async (tx) => {
    await requirePlatformAdmin(tx, ctx);
    const { count } = await tx.company.updateMany({
      where: { id: companyId, status: from },
      data: { status: to, statusChangedAt: new Date() },
    });
    const company = await tx.company.findUnique({ where: { id: companyId }, select: { name: true, status: true } });
    if (!company) throw AppError.notFound("That company");
    if (count === 0) {
      // Already where this change leads: someone else made it first. Anywhere else: this change does not apply.
      if (company.status === to) {
        throw new AppError(
          "CONFLICT",
          `${company.name} is already ${COMPANY_STATUS_LABELS[to].toLowerCase()}: it changed since you loaded this page.`,
        );
      }
      throw new AppError(
        "INVALID_TRANSITION",
        `${company.name} is ${COMPANY_STATUS_LABELS[company.status].toLowerCase()}: only a company that is ${COMPANY_STATUS_LABELS[from].toLowerCase()} can be ${done}.`,
      );
    }

    const meta = {
      ...requestColumns(ctx.request),
    };
    await tx.platformAuditLog.create({
      data: {
        actorId: ctx.userId,
        email: ctx.email,
        action,
        details: auditValue({ companyId, companyName: company.name, before: { status: from }, after: { status: to } }),
        ...meta,
      },
      select: { id: true },
    });
    await tx.auditLog.create({
      data: {
        companyId,
        actorId: ctx.userId,
        action,
        entityType: "company",
        entityId: companyId,
        before: auditValue({ status: from }),
        after: auditValue({ status: to }),
        ...meta,
      },
      select: { id: true },
    });

    const admins = await tx.membership.findMany({
      where: { companyId, role: "ADMIN", active: true, user: { active: true } },
      select: { user: { select: { email: true } } },
    });
    for (const { user } of admins) {
      await enqueuePlatformEmail(tx, {
        template: "company-status",
        to: user.email,
        props: { companyName: company.name, status: to, signInUrl: absoluteUrl("/login") },
      });
    }
    return { companyId, companyName: company.name, status: to, emailed: admins.length };
  });
  kickOutbox();
  return result;
}
