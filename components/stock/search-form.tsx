import { Button } from "@/components/ui/button";

/** A GET search box: the search lives in the address, so results can be bookmarked, shared and paged. */
export function SearchForm({
  id,
  label,
  action,
  search,
  hidden = {},
}: {
  id: string;
  label: string;
  action: string;
  search: string;
  /** Parameters the search keeps, e.g. the product being worked on. */
  hidden?: Record<string, string>;
}) {
  return (
    <form action={action} method="get" role="search" aria-label={label} className="flex flex-wrap items-end gap-2">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="min-w-0 flex-1 space-y-1.5">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {label}
        </label>
        <input
          id={id}
          name="q"
          type="search"
          defaultValue={search}
          maxLength={100}
          autoComplete="off"
          placeholder="Name, SKU or barcode"
          className="block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-sm placeholder:text-slate-400 sm:text-sm"
        />
      </div>
      <Button type="submit" variant="secondary">
        Search
      </Button>
    </form>
  );
}
