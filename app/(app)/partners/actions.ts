"use server";

// Thin: read the form, run one lib function as the signed-in person (tenantAction resolves the caller and turns errors
// into safe results), then refresh or go to the partner. One set of actions for suppliers and customers: the form
// says which (`kind`), and the lib checks it like any other input. Values typed into a refused form come back.
// The import's file travels in the action's body: the directories' import pages get a 6 MiB body limit
// (lib/http/action-guard.ts).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ImportView } from "@/components/csv/import-view";
import type { PartnerChanged } from "@/components/partners/partner-status-form";
import type { FormState } from "@/components/ui/form-state";
import { tenantAction } from "@/lib/action";
import { archivePartner } from "@/lib/partners/archive-partner";
import { createPartner } from "@/lib/partners/create-partner";
import { importPartners, type PartnerImportReport } from "@/lib/partners/import-partners";
import { PARTNER_FIELD_NAMES } from "@/lib/partners/partner-fields";
import { PARTNER_KINDS, PARTNER_WORDS, partnerHref } from "@/lib/partners/partner-kinds";
import { restorePartner } from "@/lib/partners/restore-partner";
import { updatePartner } from "@/lib/partners/update-partner";

/** A screen shows this many cards and problems; the counts say how many there are in all. */
const ITEMS_SHOWN = 50;
const PROBLEMS_SHOWN = 200;

function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

function partnerValues(formData: FormData): Record<string, string> {
  return Object.fromEntries(PARTNER_FIELD_NAMES.map((name) => [name, field(formData, name)]));
}

/** The directory the form belongs to, for revalidating and redirecting; nothing for a kind the lib will refuse. */
function pathOf(kind: string): string | undefined {
  const known = PARTNER_KINDS.find((k) => k === kind);
  return known && PARTNER_WORDS[known].path;
}

export async function createPartnerAction(
  _state: FormState<{ id: string }>,
  formData: FormData,
): Promise<FormState<{ id: string }>> {
  const values = partnerValues(formData);
  const kind = field(formData, "kind");
  const result = await tenantAction(formData, async (ctx) => {
    const partner = await createPartner(ctx, { ...values, kind });
    return { id: partner.id, kind: partner.kind };
  });
  if (!result.ok) return { ...result, values };
  revalidatePath(pathOf(result.data.kind)!);
  redirect(`${partnerHref(result.data.kind, result.data.id)}?notice=created`);
}

export async function updatePartnerAction(
  _state: FormState<{ id: string }>,
  formData: FormData,
): Promise<FormState<{ id: string }>> {
  const values = partnerValues(formData);
  const input = {
    ...values,
    kind: field(formData, "kind"),
    id: field(formData, "id"),
    version: field(formData, "version"),
  };
  const result = await tenantAction(formData, async (ctx) => {
    const partner = await updatePartner(ctx, input);
    return { id: partner.id, kind: partner.kind };
  });
  if (!result.ok) return { ...result, values };
  revalidatePath(pathOf(result.data.kind)!);
  redirect(`${partnerHref(result.data.kind, result.data.id)}?notice=updated`);
}

async function changeArchived(formData: FormData, change: typeof archivePartner): Promise<FormState<PartnerChanged>> {
  const input = { kind: field(formData, "kind"), id: field(formData, "id"), version: field(formData, "version") };
  const result = await tenantAction(formData, async (ctx) => {
    const partner = await change(ctx, input);
    return { name: partner.name, archived: partner.archived };
  });
  const path = pathOf(input.kind);
  if (result.ok && path) {
    revalidatePath(path);
    revalidatePath(`${path}/${input.id}`);
  }
  return result;
}

export async function archivePartnerAction(
  _state: FormState<PartnerChanged>,
  formData: FormData,
): Promise<FormState<PartnerChanged>> {
  return changeArchived(formData, archivePartner);
}

export async function restorePartnerAction(
  _state: FormState<PartnerChanged>,
  formData: FormData,
): Promise<FormState<PartnerChanged>> {
  return changeArchived(formData, restorePartner);
}

const blank = (value: string | null) => (value === null || value === "" ? "(blank)" : value);

function importView(report: PartnerImportReport): ImportView {
  const { many } = PARTNER_WORDS[report.kind];
  const items = [
    ...report.creates.slice(0, ITEMS_SHOWN).map((c) => ({ line: c.line, title: c.name, isNew: true, details: [] })),
    ...report.updates.slice(0, ITEMS_SHOWN).map((u) => ({
      line: u.line,
      title: u.name,
      isNew: false,
      details: u.changes.map((change) => `${change.column}: ${blank(change.from)} → ${blank(change.to)}`),
    })),
  ];
  return {
    kind: many,
    fileName: report.fileName,
    committed: report.committed,
    rowCount: report.rowCount,
    created: report.creates.length,
    changed: report.updates.length,
    unchanged: report.unchanged,
    items: items.sort((a, b) => a.line - b.line).slice(0, ITEMS_SHOWN),
    problems: report.errors.slice(0, PROBLEMS_SHOWN),
    problemCount: report.errors.length,
  };
}

export async function importPartnersAction(
  _state: FormState<ImportView>,
  formData: FormData,
): Promise<FormState<ImportView>> {
  const file = formData.get("file");
  const operationId = formData.get("operationId");
  const kind = field(formData, "kind");
  const result = await tenantAction(formData, async (ctx) =>
    importView(
      await importPartners(ctx, {
        kind,
        fileName: file instanceof File ? file.name : "",
        content: file instanceof File ? new Uint8Array(await file.arrayBuffer()) : "",
        mode: formData.get("intent") === "commit" ? "commit" : "preview",
        operationId: typeof operationId === "string" ? operationId : undefined,
      }),
    ),
  );
  const path = pathOf(kind);
  if (result.ok && result.data.committed && path) revalidatePath(path);
  return result;
}
