// Location labels to print (docs/architecture.md "Labels"): each location's name and code and a QR code of the
// absolute address of its stocktake (APP_URL, lib/email/links.ts), so a phone's camera opens the count for that
// location. No ids: every location in use. Everyone who may view locations may print them; the stocktake itself
// stays with those who may record one (a staff member scanning it is told so). Read through the tenant client: an
// unknown id, a malformed one and another company's are the same NOT_FOUND.
import "server-only";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { absoluteUrl } from "../email/links";
import { AppError, parseInput } from "../errors";
import { locationIdSchema } from "../fields";
import { locationLabelsSchema, MAX_LABELS, TOO_MANY_LABELS } from "./label-fields";
import type { LabelPresetId } from "./label-presets";
import { qrCodeSvg } from "./render-barcode";

export interface LocationLabel {
  locationId: string;
  name: string;
  code: string | null;
  /** What the QR code encodes: the location's stocktake page. */
  url: string;
  qrSvg: string;
}

export interface LocationLabelSheet {
  preset: LabelPresetId;
  copies: number;
  /** One entry per label: each location `copies` times in a row. */
  labels: LocationLabel[];
}

/** The address a location label's QR code opens. */
export function locationStocktakePath(locationId: string): string {
  return `/locations/${locationId}/stocktake`;
}

export async function getLocationLabels(ctx: TenantContext, input: unknown): Promise<LocationLabelSheet> {
  const { locationIds, preset, copies } = parseInput(locationLabelsSchema, input);
  if (!can(ctx.role, "locations.view")) throw AppError.forbidden();
  const missing = () => AppError.notFound(locationIds?.length === 1 ? "That location" : "One of those locations");
  const ids = locationIds && [
    ...new Set(
      locationIds.map((value) => {
        const parsed = locationIdSchema.safeParse(value);
        if (!parsed.success) throw missing();
        return parsed.data;
      }),
    ),
  ];

  const rows = await withTenantTx(ctx, (tx) =>
    tx.location.findMany({
      where: ids ? { id: { in: ids } } : { archivedAt: null },
      select: { id: true, name: true, code: true },
      orderBy: [{ isDefault: "desc" }, { name: "asc" }, { id: "asc" }],
    }),
  );
  if (ids && rows.length !== ids.length) throw missing();
  if (rows.length * copies > MAX_LABELS) throw AppError.validation({ copies: [TOO_MANY_LABELS] });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const labels = (ids ?? rows.map((row) => row.id)).flatMap((id) => {
    const row = byId.get(id)!;
    const url = absoluteUrl(locationStocktakePath(row.id));
    const label: LocationLabel = { locationId: row.id, name: row.name, code: row.code, url, qrSvg: qrCodeSvg(url) };
    return Array.from({ length: copies }, () => label);
  });
  return { preset, copies, labels };
}
