import { useCallback } from 'react';
import type { AuditEntryView } from '#contracts/audit';
import { formatMoney } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useStoreNames } from '../users/api';
import { actionLabel, entityLabel, FIELD_LABELS, VALUE_LABELS } from './labels';

const WORDS = {
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
  active: { zh: '启用', en: 'Active' },
  inactive: { zh: '已停用', en: 'Inactive' },
  item: { zh: '第 {n} 项', en: 'No. {n}' },
  system: { zh: '系统', en: 'System' },
  anonymous: { zh: '未登录用户', en: 'Not signed in' },
  record: { zh: '编号 {id}', en: 'No. {id}' },
};

function isMoneyPath(path: string[]): boolean {
  const last = path[path.length - 1] ?? '';
  return last.endsWith('Fen') || path.includes('labourRates');
}

/** How the audit page turns stored actions, entities, paths and values into words. */
export function useAuditWords() {
  const { lang } = useLang();
  const { names: storeNames } = useStoreNames();

  const pathLabel = useCallback(
    (path: string[]) =>
      path
        .map((seg) => (/^\d+$/.test(seg) ? WORDS.item[lang].replace('{n}', String(Number(seg) + 1)) : (FIELD_LABELS[seg]?.[lang] ?? seg)))
        .join(' · '),
    [lang],
  );

  const value = useCallback(
    (path: string[], v: unknown): string => {
      if (v === null || v === undefined || v === '') return '—';
      const key = [...path].reverse().find((s) => !/^\d+$/.test(s)) ?? '';
      if (typeof v === 'boolean') return key === 'active' ? (v ? WORDS.active : WORDS.inactive)[lang] : (v ? WORDS.yes : WORDS.no)[lang];
      if (typeof v === 'number' && isMoneyPath(path)) return formatMoney(v);
      if (typeof v === 'number' && key === 'storeId') return storeNames.get(v) ?? String(v);
      const labels = VALUE_LABELS[key];
      if (typeof v === 'string' && labels?.[v]) return labels[v][lang];
      if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' && labels?.[x] ? labels[x][lang] : String(x))).join('、');
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
    },
    [lang, storeNames],
  );

  /** Sign-ins happen before there is an actor: the name typed in is who it was (or tried to be). */
  const actor = useCallback(
    (entry: AuditEntryView) => {
      if (entry.actorName) return entry.actorName;
      const typed = (entry.after as { username?: unknown } | null)?.username;
      if (entry.action.startsWith('login') && typeof typed === 'string') return typed;
      return (entry.action.startsWith('login') ? WORDS.anonymous : WORDS.system)[lang];
    },
    [lang],
  );

  /** `工位 K01 K1 号工位`: the entity and a human name of the record, from what the log stored. */
  const target = useCallback(
    (entry: AuditEntryView) => {
      const label = entityLabel(entry.entity)[lang];
      const record = (entry.after ?? entry.before) as Record<string, unknown> | null;
      const pick = (k: string) => (record && typeof record[k] === 'string' ? (record[k] as string) : '');
      let name = [pick('code'), pick('name') || pick('displayName')].filter(Boolean).join(' ') || pick('username');
      if (!name && entry.entity === 'store' && entry.entityId) name = storeNames.get(Number(entry.entityId)) ?? '';
      if (!name && entry.entity === 'route') name = entry.entityId ?? '';
      if (!name && entry.entityId) name = WORDS.record[lang].replace('{id}', entry.entityId);
      return name ? `${label} ${name}` : label;
    },
    [lang, storeNames],
  );

  const action = useCallback((a: string) => actionLabel(a)[lang], [lang]);
  const store = useCallback((id: number | null) => (id === null ? '—' : (storeNames.get(id) ?? '—')), [storeNames]);

  return { pathLabel, value, actor, target, action, store };
}
