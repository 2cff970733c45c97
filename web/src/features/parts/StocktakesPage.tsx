import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Progress, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { STOCKTAKE_STATUS_LABELS, type Stocktake, type StocktakeStatus } from '#contracts/parts-stocktake';
import { useCan, useMe } from '../../app/auth';
import { FormDrawer } from '../../components/form/FormDrawer';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import { formatDateTime } from '../../lib/format';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { refreshParts, STOCKTAKES_KEY, stocktakesApi } from './api';
import { StatusTag } from './common';
import { PARTS_TEXT, STOCKTAKE_TEXT } from './text';

export const STOCKTAKE_COLORS: Record<StocktakeStatus, string> = { counting: 'blue', approved: 'green', cancelled: 'default' };

function CreateForm({ onClose, onCreated }: { onClose: () => void; onCreated: (id: number) => void }) {
  const t = useT({ ...PARTS_TEXT, ...STOCKTAKE_TEXT });
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ locations: string[]; note: string }>();
  return (
    <FormDrawer<{ locations: string[]; note: string }>
      open
      title={t('createTitle')}
      form={form}
      initialValues={{ locations: [], note: '' }}
      initKey="new"
      width={520}
      onClose={() => onClose()}
      onSubmit={async (v) => {
        const st = await stocktakesApi.create({ locations: (v.locations ?? []).map((l) => l.trim()).filter(Boolean), note: v.note ?? '' });
        await refreshParts(client);
        message.success(t('created', { number: st.number, lines: st.lineCount }));
        onCreated(st.id);
      }}
    >
      <Form.Item name="locations" label={t('locations')} extra={t('locationsHint')}>
        <Select mode="tags" autoFocus placeholder={t('allLocations')} tokenSeparators={[',', '，', ' ']} open={false} suffixIcon={null} aria-label={t('locations')} />
      </Form.Item>
      <Form.Item name="note" label={t('note')} rules={[{ max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
    </FormDrawer>
  );
}

/** 盘点: stocktakes of the store; a new one makes count sheets for the chosen locations. */
export default function StocktakesPage() {
  const t = useT({ ...PARTS_TEXT, ...STOCKTAKE_TEXT });
  const label = useLabel();
  const me = useMe();
  const can = useCan();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  // Opened once the drawer has gone (its unsaved-changes guard would hold a navigation made while saving).
  const [created, setCreated] = useState<number | null>(null);
  useEffect(() => {
    if (created !== null) navigate(`/parts/stocktakes/${created}`);
  }, [created, navigate]);
  const statusOptions = useOptions(STOCKTAKE_STATUS_LABELS);
  const columns = useMemo<ListColumn<Stocktake>[]>(
    () => [
      { key: 'number', title: t('number'), sortField: 'number', width: 150, render: (s) => <span style={{ fontFamily: 'monospace' }}>{s.number}</span>, exportValue: (s) => s.number },
      { key: 'status', title: t('status'), width: 90, render: (s) => <StatusTag color={STOCKTAKE_COLORS[s.status]}>{label(STOCKTAKE_STATUS_LABELS, s.status)}</StatusTag>, exportValue: (s) => label(STOCKTAKE_STATUS_LABELS, s.status) },
      { key: 'locations', title: t('countsFor'), ellipsis: true, render: (s) => (s.locations.length ? s.locations.join('、') : t('allLocations')) },
      {
        key: 'progress',
        title: t('progress'),
        width: 180,
        render: (s) => <Progress size="small" percent={s.lineCount ? Math.round((s.countedCount / s.lineCount) * 100) : 0} format={() => `${s.countedCount}/${s.lineCount}`} />,
        exportValue: (s) => `${s.countedCount}/${s.lineCount}`,
      },
      { key: 'note', title: t('note'), width: 200, ellipsis: true, render: (s) => s.note || '—' },
      { key: 'createdAt', title: t('createdAt'), sortField: 'createdAt', width: 130, render: (s) => formatDateTime(s.createdAt, me.store.timeZone) },
      { key: 'createdBy', title: t('createdBy'), width: 90, render: (s) => s.createdByName || '—' },
      { key: 'approvedAt', title: t('approvedAt'), width: 130, render: (s) => (s.approvedAt ? formatDateTime(s.approvedAt, me.store.timeZone) : '—') },
    ],
    [t, label, me.store.timeZone],
  );
  const filters = useMemo<ListFilter[]>(() => [{ kind: 'select', name: 'status', label: t('status'), options: statusOptions, width: 140 }], [t, statusOptions]);
  const createButton = can('stocktake:count') ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('create')}
    </Button>
  ) : null;
  return (
    <>
      <ListPage<Stocktake>
        title={t('title')}
        description={t('description')}
        listKey="parts-stocktakes"
        queryKey={STOCKTAKES_KEY}
        fetch={stocktakesApi.list}
        columns={columns}
        rowKey={(s) => s.id}
        search={{ placeholder: t('search') }}
        filters={filters}
        actions={createButton}
        onOpen={(s) => navigate(`/parts/stocktakes/${s.id}`)}
        rowClassName={(s) => (s.status === 'cancelled' ? 'row-inactive' : '')}
        empty={{ title: t('empty'), hint: t('emptyHint'), action: createButton }}
        exportName={t('exportName')}
      />
      {creating ? (
        <CreateForm
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            setCreated(id);
          }}
        />
      ) : null}
    </>
  );
}
