"use client";

// A labelled select of named choices (a directory's suppliers or customers) with a search box above it once there are
// more than a few: typing narrows the options by name. The chosen one stays listed whatever the search says, so the
// select never shows one choice while the form sends another. Controlled: the owner holds the value.
import { useState } from "react";
import { TextField } from "./field";
import { SelectField } from "./select-field";

export interface NamedChoice {
  id: string;
  name: string;
  /** Offered only because it is already chosen (an edited record's own): said beside its name. */
  archived?: boolean;
}

/** More choices than this, and a search box narrows them. */
export const SEARCH_FROM = 8;

export function SearchableSelect({
  id,
  name,
  label,
  hint,
  value,
  onChange,
  choices,
  emptyLabel,
  searchLabel,
  searchHint,
  errors,
  autoFocusTarget = false,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  choices: NamedChoice[];
  /** The first option, whose value is "" ("Choose a supplier", "No customer"). */
  emptyLabel: string;
  searchLabel: string;
  searchHint?: string;
  errors?: string[];
  /** Where a dialog puts the focus when it opens: the search box when there is one, else the select. */
  autoFocusTarget?: boolean;
}) {
  const [search, setSearch] = useState("");
  const needle = search.trim().toLowerCase();
  const listed = choices.filter((choice) => choice.id === value || choice.name.toLowerCase().includes(needle));
  const searchable = choices.length > SEARCH_FROM;
  return (
    <div className="space-y-3">
      {searchable && (
        <TextField
          data-autofocus={autoFocusTarget || undefined}
          id={`${id}-search`}
          type="search"
          label={searchLabel}
          hint={searchHint}
          autoComplete="off"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
      )}
      <SelectField
        id={id}
        name={name}
        label={label}
        hint={hint}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        errors={errors}
        data-autofocus={(autoFocusTarget && !searchable) || undefined}
        options={[
          { value: "", label: needle && listed.length === 0 ? `${emptyLabel} (none matches the search)` : emptyLabel },
          ...listed.map((choice) => ({
            value: choice.id,
            label: choice.archived ? `${choice.name} (archived)` : choice.name,
          })),
        ]}
      />
    </div>
  );
}
