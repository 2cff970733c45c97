import { useMemo } from 'react';
import { useT } from '../../lib/i18n';
import type { SelectFilter } from './types';

/** 状态: 启用 / 已停用, the `active` filter of every master-data list. */
export function useActiveFilter(): SelectFilter {
  const t = useT();
  return useMemo(
    () => ({
      kind: 'select',
      name: 'active',
      label: t('status'),
      width: 150,
      options: [
        { value: 'true', label: t('active') },
        { value: 'false', label: t('inactive') },
      ],
    }),
    [t],
  );
}
