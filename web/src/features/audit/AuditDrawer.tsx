import { Descriptions, Drawer, Empty, Switch, Table } from 'antd';
import { useState } from 'react';
import type { AuditEntryView } from '#contracts/audit';
import { useMe } from '../../app/auth';
import { formatDateTime } from '../../lib/format';
import { useT, type Dict } from '../../lib/i18n';
import { diffRows, type DiffRow } from './diff';
import { useAuditWords } from './useAuditWords';

const TEXT = {
  title: { zh: '日志详情', en: 'Log entry' },
  at: { zh: '时间', en: 'Time' },
  actor: { zh: '操作人', en: 'By' },
  action: { zh: '操作', en: 'Action' },
  target: { zh: '对象', en: 'Record' },
  store: { zh: '门店', en: 'Store' },
  ip: { zh: 'IP 地址', en: 'IP address' },
  changes: { zh: '变更内容', en: 'Changes' },
  field: { zh: '字段', en: 'Field' },
  before: { zh: '修改前', en: 'Before' },
  after: { zh: '修改后', en: 'After' },
  content: { zh: '内容', en: 'Content' },
  onlyChanged: { zh: '只看变更的字段', en: 'Changed fields only' },
  noDetails: { zh: '此操作没有记录数据内容', en: 'No data was recorded for this action' },
} satisfies Dict;

/** One audit entry: who, what, when, and its before/after as a field-by-field diff. */
export function AuditDrawer({ entry, onClose }: { entry: AuditEntryView | null; onClose: () => void }) {
  const t = useT(TEXT);
  const me = useMe();
  const words = useAuditWords();
  const [onlyChanged, setOnlyChanged] = useState(true);
  const rows = entry ? diffRows(entry.before, entry.after) : [];
  const isUpdate = entry !== null && entry.before != null && entry.after != null;
  const shown = isUpdate && onlyChanged ? rows.filter((r) => r.changed) : rows;

  return (
    <Drawer open={entry !== null} onClose={onClose} title={t('title')} size={720}>
      {entry ? (
        <>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('at')}>{formatDateTime(entry.at, me.store.timeZone, true)}</Descriptions.Item>
            <Descriptions.Item label={t('actor')}>{words.actor(entry)}</Descriptions.Item>
            <Descriptions.Item label={t('action')}>{words.action(entry.action)}</Descriptions.Item>
            <Descriptions.Item label={t('store')}>{words.store(entry.storeId)}</Descriptions.Item>
            <Descriptions.Item label={t('target')} span={2}>
              {words.target(entry)}
            </Descriptions.Item>
            <Descriptions.Item label={t('ip')} span={2}>
              {entry.ip || '—'}
            </Descriptions.Item>
          </Descriptions>
          <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', margin: '20px 0 8px' }}>
            <strong>{t('changes')}</strong>
            {isUpdate ? (
              <label style={{ display: 'inline-flex', gap: 8, alignItems: 'center', color: 'rgba(0,0,0,0.65)' }}>
                <Switch size="small" checked={onlyChanged} onChange={setOnlyChanged} />
                {t('onlyChanged')}
              </label>
            ) : null}
          </div>
          {rows.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noDetails')} />
          ) : (
            <Table<DiffRow>
              size="small"
              pagination={false}
              rowKey={(r) => r.path.join('.')}
              dataSource={shown}
              rowClassName={(r) => (isUpdate && r.changed ? 'diff-changed' : '')}
              columns={
                isUpdate
                  ? [
                      { key: 'field', title: t('field'), width: 220, render: (_, r) => words.pathLabel(r.path) },
                      {
                        key: 'before',
                        title: t('before'),
                        render: (_, r) => <span className={r.changed ? 'diff-removed' : undefined}>{words.value(r.path, r.before)}</span>,
                      },
                      {
                        key: 'after',
                        title: t('after'),
                        render: (_, r) => <span className={r.changed ? 'diff-added' : undefined}>{words.value(r.path, r.after)}</span>,
                      },
                    ]
                  : [
                      { key: 'field', title: t('field'), width: 220, render: (_, r) => words.pathLabel(r.path) },
                      { key: 'content', title: t('content'), render: (_, r) => words.value(r.path, r.after ?? r.before) },
                    ]
              }
            />
          )}
        </>
      ) : null}
    </Drawer>
  );
}
