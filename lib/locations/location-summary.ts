// What the location changes return: the location as it now is, built from an explicit select.

export interface LocationSummary {
  id: string;
  name: string;
  code: string | null;
  isDefault: boolean;
  archived: boolean;
}

export const locationSummarySelect = { id: true, name: true, code: true, isDefault: true, archivedAt: true } as const;

export function toLocationSummary(row: {
  id: string;
  name: string;
  code: string | null;
  isDefault: boolean;
  archivedAt: Date | null;
}): LocationSummary {
  return { id: row.id, name: row.name, code: row.code, isDefault: row.isDefault, archived: row.archivedAt !== null };
}
