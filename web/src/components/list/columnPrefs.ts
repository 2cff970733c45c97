import { useCallback, useState } from 'react';

const PREFIX = 'aftersales.columns.';

function read(listKey: string): string[] | null {
  try {
    const raw = localStorage.getItem(PREFIX + listKey);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return Array.isArray(parsed) && parsed.every((k) => typeof k === 'string') ? parsed : null;
  } catch {
    return null;
  }
}

/** The columns a user chose to see in one list, remembered in this browser. */
export function useColumnPrefs(listKey: string, defaults: string[]) {
  const [visible, setVisible] = useState<string[] | null>(() => read(listKey));
  const save = useCallback(
    (keys: string[] | null) => {
      setVisible(keys);
      try {
        if (keys) localStorage.setItem(PREFIX + listKey, JSON.stringify(keys));
        else localStorage.removeItem(PREFIX + listKey);
      } catch {
        // Storage full or blocked: the choice lasts until reload.
      }
    },
    [listKey],
  );
  return { visible: visible ?? defaults, isDefault: visible === null, setVisible: save };
}
