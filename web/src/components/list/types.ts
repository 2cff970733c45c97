import type { ReactNode } from 'react';

export type CellValue = string | number | boolean | null | undefined;

/** A column of a ListPage: what it shows on screen, how it sorts on the server, what it exports. */
export interface ListColumn<T> {
  /** Stable id: the column chooser remembers it, and it is the default field to read. */
  key: string;
  title: string;
  /** Server sort field; a column without one is not sortable. */
  sortField?: string;
  render?: (record: T) => ReactNode;
  /** The cell in the Excel export; defaults to the rendered text or the field's value. */
  exportValue?: (record: T) => CellValue;
  width?: number;
  align?: 'left' | 'right' | 'center';
  ellipsis?: boolean;
  /** Not shown until the user picks it in the column chooser. */
  defaultHidden?: boolean;
}

export interface SelectFilter {
  kind: 'select';
  /** The list endpoint's query parameter, also used in the page URL. */
  name: string;
  label: string;
  options: { value: string; label: string }[];
  width?: number;
}

export interface DateRangeFilter {
  kind: 'dateRange';
  /** Query parameters of the first and last day (inclusive), `YYYY-MM-DD`. */
  from: string;
  to: string;
  label: string;
}

/** A free word the list narrows by (a tag, an outlet's name), applied on Enter. */
export interface TextFilter {
  kind: 'text';
  name: string;
  label: string;
  placeholder?: string;
  width?: number;
}

export type ListFilter = SelectFilter | DateRangeFilter | TextFilter;

export function filterParams(filters: readonly ListFilter[]): string[] {
  return filters.flatMap((f) => (f.kind === 'dateRange' ? [f.from, f.to] : [f.name]));
}
