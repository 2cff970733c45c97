/**
 * Before/after of an audit entry as rows of a readable diff: nested records are flattened to
 * paths (`memberships.0.role`), lists of plain values stay one cell.
 */
export interface DiffRow {
  path: string[];
  before: unknown;
  after: unknown;
  changed: boolean;
}

const HIDDEN_ROOT_KEYS = new Set(['id', 'version']);

function isPlain(v: unknown): boolean {
  return v === null || v === undefined || typeof v !== 'object';
}

function flatten(value: unknown, path: string[], out: Map<string, { path: string[]; value: unknown }>): void {
  if (isPlain(value) || (Array.isArray(value) && value.every(isPlain))) {
    if (path.length > 0) out.set(path.join('.'), { path, value });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => flatten(v, [...path, String(i)], out));
    return;
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (path.length === 0 && HIDDEN_ROOT_KEYS.has(key)) continue;
    flatten(v, [...path, key], out);
  }
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export function diffRows(before: unknown, after: unknown): DiffRow[] {
  const b = new Map<string, { path: string[]; value: unknown }>();
  const a = new Map<string, { path: string[]; value: unknown }>();
  if (before != null) flatten(before, [], b);
  if (after != null) flatten(after, [], a);
  const keys = [...new Set([...b.keys(), ...a.keys()])];
  return keys.map((key) => {
    const path = (b.get(key) ?? a.get(key))!.path;
    const bv = b.get(key)?.value;
    const av = a.get(key)?.value;
    return { path, before: bv, after: av, changed: !same(bv, av) };
  });
}
