import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space } from 'antd';
import { useMemo, useState } from 'react';
import { OLD_PART_STATUS_LABELS, type OldPart, type OldPartStatus } from '#contracts/parts-old-parts';
import { useCan, useMe } from '../../app/auth';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import { formatDate, formatDateTime } from '../../lib/format';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { ReasonModal } from './ActionModals';
import { OLD_PARTS_KEY, oldPartsApi, refreshParts } from './api';
import { PartNo, StatusTag } from './common';
import { MISC_TEXT, PARTS_TEXT } from './text';

const COLORS: Record<OldPartStatus, string> = { in_storage: 'blue', returned: 'green', scrapped: 'default' };

/** 旧件管理: old parts of warranty jobs, kept, returned to the maker or scrapped. */
export default function OldPartsPage() {
  const t = useT({ ...PARTS_TEXT, ...MISC_TEXT });
  const label = useLabel();
  const me = useMe();
  const can = useCan();
  const canManage = can('old_part:manage');
  const client = useQueryClient();
  const { message } = App.useApp();
  const [returning, setReturning] = useState<OldPart | null>(null);
  const [scrapping, setScrapping] = useState<OldPart | null>(null);
  const statusOptions = useOptions(OLD_PART_STATUS_LABELS);
  const columns = useMemo<ListColumn<OldPart>[]>(
    () => [
      { key: 'tagNo', title: t('tagNo'), sortField: 'tagNo', width: 150, render: (o) => <span style={{ fontFamily: 'monospace' }}>{o.tagNo}</span>, exportValue: (o) => o.tagNo },
      { key: 'partNo', title: t('partNo'), width: 140, render: (o) => <PartNo>{o.partNo || '—'}</PartNo>, exportValue: (o) => o.partNo },
      { key: 'name', title: t('partName'), ellipsis: true },
      { key: 'quantity', title: t('quantity'), width: 70, align: 'right' },
      { key: 'roNumber', title: t('ro'), width: 120, render: (o) => o.roNumber || '—' },
      { key: 'claimNo', title: t('claimNo'), width: 120, render: (o) => o.claimNo || '—' },
      { key: 'location', title: t('location'), width: 80, render: (o) => o.location || '—' },
      { key: 'status', title: t('status'), width: 90, render: (o) => <StatusTag color={COLORS[o.status]}>{label(OLD_PART_STATUS_LABELS, o.status)}</StatusTag>, exportValue: (o) => label(OLD_PART_STATUS_LABELS, o.status) },
      { key: 'waybillNo', title: t('waybillNo'), width: 120, defaultHidden: true, render: (o) => o.waybillNo || '—' },
      { key: 'returnedAt', title: t('returnedAt'), width: 100, defaultHidden: true, render: (o) => formatDate(o.returnedAt, me.store.timeZone) },
      { key: 'taggedAt', title: t('taggedAt'), sortField: 'taggedAt', width: 130, render: (o) => formatDateTime(o.taggedAt, me.store.timeZone) },
      {
        key: 'actions',
        title: t('actions'),
        width: 150,
        render: (o) =>
          o.status === 'in_storage' && canManage ? (
            <Space size={4} onClick={(e) => e.stopPropagation()}>
              <Button size="small" onClick={() => setReturning(o)}>
                {t('returnToMaker')}
              </Button>
              <Button size="small" danger type="text" onClick={() => setScrapping(o)}>
                {t('scrapOld')}
              </Button>
            </Space>
          ) : null,
        exportValue: () => '',
      },
    ],
    [t, label, me.store.timeZone, canManage],
  );
  const filters = useMemo<ListFilter[]>(() => [{ kind: 'select', name: 'status', label: t('status'), options: statusOptions, width: 140 }, { kind: 'text', name: 'claimNo', label: t('claimNo'), width: 200 }], [t, statusOptions]);
  return (
    <>
      <ListPage<OldPart>
        title={t('oldTitle')}
        description={t('oldDescription')}
        listKey="parts-old"
        queryKey={OLD_PARTS_KEY}
        fetch={oldPartsApi.list}
        columns={columns}
        rowKey={(o) => o.id}
        search={{ placeholder: t('oldSearch') }}
        filters={filters}
        empty={{ title: t('oldEmpty'), hint: t('oldEmptyHint') }}
        exportName={t('oldExport')}
      />
      <ReasonModal
        open={returning !== null}
        title={returning ? t('returnTitle', { tag: returning.tagNo }) : ''}
        okText={t('returnToMaker')}
        required={false}
        label={t('waybillNo')}
        onOk={async (waybill) => {
          await oldPartsApi.return(returning!.id, returning!.version, waybill);
          await refreshParts(client);
          message.success(t('returnedOk'));
        }}
        onClose={() => setReturning(null)}
      />
      <ReasonModal
        open={scrapping !== null}
        title={scrapping ? t('scrapTitle', { tag: scrapping.tagNo }) : ''}
        content={t('scrapContent')}
        okText={t('scrapOld')}
        danger
        onOk={async (reason) => {
          await oldPartsApi.scrap(scrapping!.id, scrapping!.version, reason);
          await refreshParts(client);
          message.success(t('scrappedOk'));
        }}
        onClose={() => setScrapping(null)}
      />
    </>
  );
}
