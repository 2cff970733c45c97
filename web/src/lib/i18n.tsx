import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import type { Lang } from '#contracts/messages';

export type { Lang };

/** A text in both UI languages: the shape of every label map of `contracts/` too. */
export interface Text {
  zh: string;
  en: string;
}
export type Dict = Record<string, Text>;

const STORAGE_KEY = 'aftersales.lang';

export function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function storeLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the switch still works for this tab.
  }
}

/**
 * The current language outside React (the API client sends it as Accept-Language). The provider
 * keeps it in step with the context.
 */
let current: Lang = storedLang();
export const currentLang = (): Lang => current;
export const setCurrentLang = (lang: Lang): void => {
  current = lang;
};

/** UI words shared by every screen. Feature folders keep their own dictionaries next to their pages. */
export const COMMON = {
  appName: { zh: '售后服务管理系统', en: 'Aftersales' },
  appShort: { zh: '售后服务', en: 'Aftersales' },
  create: { zh: '新建', en: 'New' },
  edit: { zh: '编辑', en: 'Edit' },
  save: { zh: '保存', en: 'Save' },
  cancel: { zh: '取消', en: 'Cancel' },
  confirm: { zh: '确定', en: 'OK' },
  close: { zh: '关闭', en: 'Close' },
  delete: { zh: '删除', en: 'Delete' },
  search: { zh: '搜索', en: 'Search' },
  reset: { zh: '重置', en: 'Reset' },
  retry: { zh: '重试', en: 'Retry' },
  reload: { zh: '重新加载', en: 'Reload' },
  refresh: { zh: '刷新', en: 'Refresh' },
  export: { zh: '导出 Excel', en: 'Export to Excel' },
  exporting: { zh: '正在导出…', en: 'Exporting…' },
  exported: { zh: '已导出 {count} 行', en: 'Exported {count} rows' },
  columns: { zh: '列设置', en: 'Columns' },
  columnsReset: { zh: '恢复默认', en: 'Restore defaults' },
  total: { zh: '共 {total} 条', en: '{total} records' },
  all: { zh: '全部', en: 'All' },
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
  none: { zh: '—', en: '—' },
  status: { zh: '状态', en: 'Status' },
  active: { zh: '启用', en: 'Active' },
  inactive: { zh: '已停用', en: 'Inactive' },
  deactivate: { zh: '停用', en: 'Deactivate' },
  activate: { zh: '启用', en: 'Activate' },
  deactivateTitle: { zh: '确定停用“{name}”？', en: 'Deactivate “{name}”?' },
  activateTitle: { zh: '确定重新启用“{name}”？', en: 'Activate “{name}” again?' },
  activated: { zh: '已启用', en: 'Activated' },
  deactivated: { zh: '已停用', en: 'Deactivated' },
  saved: { zh: '已保存', en: 'Saved' },
  created: { zh: '已创建', en: 'Created' },
  actions: { zh: '操作', en: 'Actions' },
  loadFailed: { zh: '数据加载失败', en: 'Could not load the data' },
  networkError: { zh: '网络连接失败，请检查网络后重试', en: 'Network error: check the connection and try again' },
  serverError: { zh: '服务器暂时无法响应，请稍后重试', en: 'The server did not answer; try again later' },
  formHasErrors: { zh: '请修正标红的字段后再保存', en: 'Correct the fields marked in red, then save' },
  unsavedTitle: { zh: '放弃未保存的修改？', en: 'Discard unsaved changes?' },
  unsavedContent: { zh: '您修改的内容尚未保存，离开后将丢失。', en: 'Your changes have not been saved and will be lost.' },
  discard: { zh: '放弃修改', en: 'Discard' },
  keepEditing: { zh: '继续编辑', en: 'Keep editing' },
  staleTitle: { zh: '记录已被他人修改', en: 'Changed by someone else' },
  staleContent: {
    zh: '在您编辑期间，这条记录已被其他人保存。请重新加载最新内容后再修改（您当前的修改将丢失）。',
    en: 'Someone else saved this record while you were editing. Reload the latest version and edit again (your changes will be lost).',
  },
  formHint: { zh: 'Enter 保存 · Esc 取消', en: 'Enter to save · Esc to cancel' },
  forbidden: { zh: '没有权限', en: 'Not allowed' },
  forbiddenHint: {
    zh: '您当前的岗位没有访问此页面的权限。如需使用，请联系集团管理员。',
    en: 'Your role cannot open this page. Ask the group administrator if you need it.',
  },
  notFound: { zh: '页面不存在', en: 'Page not found' },
  notFoundHint: { zh: '您访问的地址不存在，可能已被移动或输入有误。', en: 'This address does not exist; it may have moved or been mistyped.' },
  backHome: { zh: '返回工作台', en: 'Back to home' },
  pageLoadFailed: { zh: '页面加载失败', en: 'The page failed to load' },
  pageLoadFailedHint: { zh: '可能是网络中断或系统已更新，请刷新页面。', en: 'The network may be down or the system was updated; reload the page.' },
  reloadPage: { zh: '刷新页面', en: 'Reload page' },
  loading: { zh: '正在加载…', en: 'Loading…' },
  optional: { zh: '选填', en: 'Optional' },
  pleaseSelect: { zh: '请选择', en: 'Select' },
} satisfies Dict;

type CommonKey = keyof typeof COMMON;
type Vars = Record<string, string | number>;

export function fill(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function pick(text: Text, lang: Lang): string {
  return text[lang];
}

interface LangState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const LangContext = createContext<LangState>({ lang: 'zh', setLang: () => {} });

export function LangContextProvider({ value, children }: { value: LangState; children: ReactNode }) {
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangState {
  return useContext(LangContext);
}

export type Translate<K extends string> = (key: K | CommonKey, vars?: Vars) => string;

/**
 * `t(key)` over the common words plus a feature's own dictionary:
 * `const t = useT(BAY_TEXT); t('title')`.
 */
export function useT<D extends Dict = Record<never, Text>>(dict?: D): Translate<Extract<keyof D, string>> {
  const { lang } = useLang();
  return useCallback(
    (key: Extract<keyof D, string> | CommonKey, vars?: Vars) => {
      const text = (dict as Dict | undefined)?.[key] ?? (COMMON as Dict)[key];
      return text ? fill(text[lang], vars) : key;
    },
    [dict, lang],
  );
}

/** Label of an enum value from a contracts label map (`ROLE_LABELS`, `JOB_TYPE_LABELS`…). */
export function useLabel() {
  const { lang } = useLang();
  return useCallback(
    <K extends string>(map: Record<K, Text>, value: K | null | undefined, fallback = '—'): string =>
      value == null ? fallback : (map[value]?.[lang] ?? fallback),
    [lang],
  );
}

/** antd Select options from a label map, in the map's order. */
export function useOptions<K extends string>(map: Record<K, Text>, keys?: readonly K[]) {
  const { lang } = useLang();
  return useMemo(
    () => (keys ?? (Object.keys(map) as K[])).map((value) => ({ value, label: map[value][lang] })),
    [map, keys, lang],
  );
}
