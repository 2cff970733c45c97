import { CarOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Space, Tag } from 'antd';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import type { DuplicateCandidate } from '#contracts/customers-tools';
import { useT } from '../../lib/i18n';
import { CUSTOMER_TEXT, VEHICLE_TEXT } from './text';

export type DuplicateChoice = { kind: 'save' } | { kind: 'cancel' } | { kind: 'use'; candidate: DuplicateCandidate };

/**
 * The answer to a 409 DUPLICATE (same mobile, VIN or plate): the files that already exist, each
 * with "open existing" (or "use this file" where a picker asked), and "save anyway". Resolves with
 * the user's choice; opening an existing file navigates there (the form's unsaved-change guard asks).
 */
export function useDuplicateDialog() {
  const t = useT(CUSTOMER_TEXT);
  const tv = useT(VEHICLE_TEXT);
  const { modal } = App.useApp();
  const navigate = useNavigate();

  return useCallback(
    (candidates: DuplicateCandidate[], options: { canSaveAnyway?: boolean; useExisting?: boolean } = {}) =>
      new Promise<DuplicateChoice>((resolve) => {
        const fieldName = { vin: tv('vin'), plate: tv('plate'), mobile: t('mobile') };
        let settled = false;
        const finish = (choice: DuplicateChoice) => {
          if (settled) return;
          settled = true;
          resolve(choice);
          dialog.destroy();
        };
        const canSave = options.canSaveAnyway ?? true;
        const dialog = modal.confirm({
          title: t('duplicateTitle'),
          width: 520,
          content: (
            <div data-testid="duplicate-dialog">
              <div style={{ marginBottom: 12 }}>{t('duplicateContent')}</div>
              <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                {candidates.map((c) => (
                  <div
                    key={`${c.type}:${c.id}`}
                    style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '6px 10px', border: '1px solid #f0f0f0', borderRadius: 4 }}
                  >
                    {c.type === 'vehicle' ? <CarOutlined /> : <UserOutlined />}
                    <span style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{c.title}</span>
                    <Tag color="orange">{t('duplicateMatched', { field: fieldName[c.matched] })}</Tag>
                    {options.useExisting && c.type === 'customer' ? (
                      <Button size="small" type="primary" ghost onClick={() => finish({ kind: 'use', candidate: c })}>
                        {t('useExisting')}
                      </Button>
                    ) : c.id <= 0 ? null : (
                      <Button
                        size="small"
                        onClick={() => {
                          finish({ kind: 'cancel' });
                          navigate(c.type === 'vehicle' ? `/vehicles/${c.id}` : `/customers/${c.id}`);
                        }}
                      >
                        {t('openExisting')}
                      </Button>
                    )}
                  </div>
                ))}
              </Space>
            </div>
          ),
          okText: t('saveAnyway'),
          okButtonProps: canSave ? undefined : { style: { display: 'none' } },
          cancelText: t('backToForm'),
          onOk: () => finish({ kind: 'save' }),
          onCancel: () => finish({ kind: 'cancel' }),
        });
      }),
    [modal, navigate, t, tv],
  );
}
