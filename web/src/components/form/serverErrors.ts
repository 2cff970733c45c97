import type { FormInstance } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { isApiError, type FieldError } from '../../lib/api';

type Segment = string | number;

function segmentsOf(path: string): Segment[] {
  return path.split('.').filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function sameName(a: Segment[], b: Segment[]): boolean {
  return a.length === b.length && a.every((s, i) => String(s) === String(b[i]));
}

/**
 * Shows a 400's `details.fields` next to the fields of `form`. A server path is matched to the
 * registered field with the longest common prefix (`openingHours.closes` lands on a range picker
 * named `openingHours`); `rename` maps server paths to differently named form fields
 * (`fixedPriceFen` → `fixedPriceYuan`). Returns the errors no field could show, for an alert.
 */
export function applyServerErrors(form: FormInstance, error: unknown, rename: Record<string, NamePath> = {}): FieldError[] {
  if (!isApiError(error) || error.fields.length === 0) return [];
  const registered = form.getFieldsError().map((f) => f.name as Segment[]);
  const byField = new Map<string, { name: Segment[]; errors: string[] }>();
  const unplaced: FieldError[] = [];
  for (const field of error.fields) {
    const renamed = rename[field.path];
    const wanted = renamed === undefined ? segmentsOf(field.path) : ([] as Segment[]).concat(renamed as Segment | Segment[]);
    let target: Segment[] | undefined;
    for (let n = wanted.length; n > 0 && !target; n--) {
      const prefix = wanted.slice(0, n);
      target = registered.find((name) => sameName(name, prefix));
    }
    if (!target) {
      unplaced.push(field);
      continue;
    }
    const key = target.join('.');
    const entry = byField.get(key) ?? { name: target, errors: [] };
    if (!entry.errors.includes(field.message)) entry.errors.push(field.message);
    byField.set(key, entry);
  }
  const fields = [...byField.values()];
  form.setFields(fields.map((f) => ({ name: f.name, errors: f.errors })));
  const first = fields[0];
  if (first) form.scrollToField(first.name, { block: 'center' });
  return unplaced;
}
