import { ArrowRightOutlined, CarOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Modal, Radio, Row, Select, Skeleton, Space, Tag } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { MASKED_PHONE_PATTERN } from '#contracts/customers';
import type { CustomerDetail, VehiclePage } from '#contracts/customers-vehicles';
import type { MergeResult } from '#contracts/customers-tools';
import { formatNumber } from '../../lib/format';
import { useLang, useT } from '../../lib/i18n';
import { customersApi, SEARCH_KEY, SEGMENTS_KEY, vehiclesApi } from './api';
import { CompletenessBar } from './display';
import { CustomerPicker, useDebounced } from './pickers';
import { CUSTOMER_TEXT, MERGE_TEXT, MOVED_LABELS, VEHICLE_TEXT } from './text';

type Keep = 'current' | 'other';

function useMergeFinish() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const { lang } = useLang();
  const t = useT(MERGE_TEXT);
  const { message, modal } = App.useApp();
  return (result: MergeResult, kind: 'customers' | 'vehicles', currentId: number) => {
    const total = Object.values(result.moved).reduce((s, n) => s + n, 0);
    const lines = Object.entries(result.moved)
      .filter(([, n]) => n > 0)
      .map(([key, n]) => `${MOVED_LABELS[key]?.[lang] ?? (lang === 'zh' ? '其他关联记录' : 'Other linked records')}：${n}`);
    message.success(t('done', { count: total }));
    if (lines.length) modal.info({ title: t('done', { count: total }), content: lines.map((l) => <div key={l}>{l}</div>) });
    void client.invalidateQueries({ queryKey: ['customers'] });
    void client.invalidateQueries({ queryKey: ['vehicles'] });
    void client.invalidateQueries({ queryKey: [SEARCH_KEY] });
    void client.invalidateQueries({ queryKey: [SEGMENTS_KEY] });
    if (result.survivorId !== currentId) navigate(`/${kind}/${result.survivorId}`);
  };
}

function Side({ title, role, children }: { title: ReactNode; role: 'survivor' | 'merged'; children: ReactNode }) {
  const t = useT(MERGE_TEXT);
  return (
    <Card size="small" title={title} extra={role === 'survivor' ? <Tag color="green">{t('survivor')}</Tag> : <Tag color="orange">{t('mergedAway')}</Tag>} style={{ height: '100%' }}>
      {children}
    </Card>
  );
}

/** 合并重复档案: pick the duplicate of this customer, see what moves, confirm; history moves to the survivor. */
export function CustomerMergeModal({ current, open, onClose }: { current: CustomerDetail; open: boolean; onClose: () => void }) {
  const t = useT(MERGE_TEXT);
  const tc = useT(CUSTOMER_TEXT);
  const { modal, message } = App.useApp();
  const finish = useMergeFinish();
  const [otherId, setOtherId] = useState<number | null>(null);
  const [keep, setKeep] = useState<Keep>('current');
  const [busy, setBusy] = useState(false);

  const mobile = current.mobile && !MASKED_PHONE_PATTERN.test(current.mobile) ? current.mobile : null;
  const twins = useQuery({
    queryKey: [customersApi.key, 'list', { q: mobile, twinsOf: current.id }],
    queryFn: ({ signal }) => customersApi.list({ page: 1, pageSize: 10, q: mobile! }, signal),
    enabled: open && mobile !== null,
  });
  const suggestions = (twins.data?.items ?? []).filter((c) => c.id !== current.id && c.mobile === mobile);

  const other = useQuery({ queryKey: [customersApi.key, 'record', otherId], queryFn: () => customersApi.get(otherId!), enabled: open && otherId !== null });
  const mergedId = keep === 'current' ? otherId : current.id;
  const mergedTimeline = useQuery({
    queryKey: [customersApi.key, 'record', mergedId, 'timeline', { page: 1, pageSize: 1 }],
    queryFn: ({ signal }) => customersApi.timeline(mergedId!, { page: 1, pageSize: 1 }, signal),
    enabled: open && mergedId !== null,
  });

  const survivor = keep === 'current' ? current : (other.data ?? null);
  const merged = keep === 'current' ? (other.data ?? null) : current;

  const close = () => {
    setOtherId(null);
    setKeep('current');
    onClose();
  };

  const run = () => {
    if (!survivor || !merged) return;
    modal.confirm({
      title: t('confirmTitle'),
      content: t('confirmContent', { merged: merged.name, survivor: survivor.name }),
      okText: t('confirm'),
      okButtonProps: { danger: true },
      cancelText: tc('cancel'),
      onOk: async () => {
        setBusy(true);
        try {
          const result = await customersApi.merge(merged.id, survivor.id);
          close();
          finish(result, 'customers', current.id);
        } catch (err) {
          message.error(err instanceof Error ? err.message : String(err));
        } finally {
          setBusy(false);
        }
      },
    });
  };

  const describe = (c: CustomerDetail) => (
    <Descriptions
      size="small"
      column={1}
      items={[
        { key: 'mobile', label: tc('mobile'), children: c.mobile ?? '—' },
        { key: 'address', label: tc('address'), children: c.address || '—' },
        { key: 'vehicles', label: tc('vehicles'), children: c.vehicles.length ? c.vehicles.map((v) => v.plateDisplay ?? v.vin).join('、') : '—' },
        { key: 'completeness', label: tc('completeness'), children: <CompletenessBar score={c.completeness} /> },
      ]}
    />
  );

  return (
    <Modal
      open={open}
      title={t('titleCustomer')}
      width={760}
      onCancel={close}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={close}>
          {tc('cancel')}
        </Button>,
        <Button key="ok" type="primary" danger disabled={!survivor || !merged} loading={busy} onClick={run}>
          {t('confirm')}
        </Button>,
      ]}
    >
      <Alert type="info" showIcon title={t('intro')} style={{ marginBottom: 16 }} />
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <div>
          <div style={{ marginBottom: 6 }}>{t('pick')}</div>
          <CustomerPicker value={otherId} onChange={setOtherId} allowCreate={false} exclude={current.id} placeholder={t('pickPlaceholder')} />
          {suggestions.length ? (
            <div style={{ marginTop: 8 }}>
              <span className="form-hint">{t('suggested')}：</span>
              {suggestions.map((s) => (
                <Button key={s.id} size="small" type={otherId === s.id ? 'primary' : 'default'} style={{ marginInlineEnd: 6 }} onClick={() => setOtherId(s.id)}>
                  {s.name}
                </Button>
              ))}
            </div>
          ) : null}
        </div>
        {otherId !== null ? (
          <>
            <div>
              <span style={{ marginInlineEnd: 12 }}>{t('keep')}</span>
              <Radio.Group
                optionType="button"
                value={keep}
                onChange={(e) => setKeep(e.target.value as Keep)}
                options={[
                  { value: 'current', label: t('keepCurrent') },
                  { value: 'other', label: t('keepOther') },
                ]}
              />
            </div>
            {other.isPending ? (
              <Skeleton active />
            ) : survivor && merged ? (
              <>
                <Row gutter={12} align="stretch">
                  <Col span={11}>
                    <Side role="merged" title={<><UserOutlined /> {merged.name}</>}>
                      {describe(merged)}
                    </Side>
                  </Col>
                  <Col span={2} style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', fontSize: 20, color: 'rgba(0,0,0,0.45)' }}>
                    <ArrowRightOutlined />
                  </Col>
                  <Col span={11}>
                    <Side role="survivor" title={<><UserOutlined /> {survivor.name}</>}>
                      {describe(survivor)}
                    </Side>
                  </Col>
                </Row>
                <Card size="small" title={t('moves')}>
                  <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="merge-moves">
                    <li>{t('movesVehicles', { count: merged.vehicles.length })}</li>
                    <li>{t('movesTimeline', { count: mergedTimeline.data?.total ?? '…' })}</li>
                  </ul>
                  <div className="form-hint" style={{ marginTop: 6 }}>
                    {t('movesNote')}
                  </div>
                </Card>
              </>
            ) : null}
          </>
        ) : null}
      </Space>
    </Modal>
  );
}

/** A vehicle picker by plate or VIN (server search), for the vehicle merge. */
function VehiclePicker({ value, onChange, exclude }: { value: number | null; onChange: (id: number | null) => void; exclude: number }) {
  const t = useT(MERGE_TEXT);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const list = useQuery({
    queryKey: [vehiclesApi.key, 'list', { page: 1, pageSize: 20, q, picker: true }],
    queryFn: ({ signal }) => vehiclesApi.list({ page: 1, pageSize: 20, q: q || undefined }, signal),
    enabled: q.length > 0,
  });
  const options = useMemo(
    () =>
      (list.data?.items ?? [])
        .filter((v) => v.id !== exclude)
        .map((v) => ({ value: v.id, label: [v.plateDisplay, v.vin, v.modelName, v.owner?.name].filter(Boolean).join(' · ') })),
    [list.data, exclude],
  );
  return (
    <Select<number | null>
      value={value}
      onChange={(v) => onChange(v ?? null)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder={t('pickVehiclePlaceholder')}
      loading={list.isFetching}
      options={options}
      style={{ width: '100%' }}
      notFoundContent={null}
    />
  );
}

/** 合并重复车辆: the same car filed twice (same plate typed by two advisors). */
export function VehicleMergeModal({ current, open, onClose }: { current: VehiclePage; open: boolean; onClose: () => void }) {
  const t = useT(MERGE_TEXT);
  const tv = useT(VEHICLE_TEXT);
  const { modal, message } = App.useApp();
  const finish = useMergeFinish();
  const [otherId, setOtherId] = useState<number | null>(null);
  const [keep, setKeep] = useState<Keep>('current');
  const [busy, setBusy] = useState(false);
  const other = useQuery({ queryKey: [vehiclesApi.key, 'record', otherId], queryFn: () => vehiclesApi.get(otherId!), enabled: open && otherId !== null });
  const mergedId = keep === 'current' ? otherId : current.id;
  const mergedTimeline = useQuery({
    queryKey: [vehiclesApi.key, 'record', mergedId, 'timeline', { page: 1, pageSize: 1 }],
    queryFn: ({ signal }) => vehiclesApi.timeline(mergedId!, { page: 1, pageSize: 1 }, signal),
    enabled: open && mergedId !== null,
  });
  const survivor = keep === 'current' ? current : (other.data ?? null);
  const merged = keep === 'current' ? (other.data ?? null) : current;
  const nameOf = (v: VehiclePage) => v.plateDisplay ?? v.vin ?? '—';

  const close = () => {
    setOtherId(null);
    setKeep('current');
    onClose();
  };

  const run = () => {
    if (!survivor || !merged) return;
    modal.confirm({
      title: t('confirmTitle'),
      content: t('confirmContent', { merged: nameOf(merged), survivor: nameOf(survivor) }),
      okText: t('confirm'),
      okButtonProps: { danger: true },
      cancelText: tv('cancel'),
      onOk: async () => {
        setBusy(true);
        try {
          const result = await vehiclesApi.merge(merged.id, survivor.id);
          close();
          finish(result, 'vehicles', current.id);
        } catch (err) {
          message.error(err instanceof Error ? err.message : String(err));
        } finally {
          setBusy(false);
        }
      },
    });
  };

  const describe = (v: VehiclePage) => (
    <Descriptions
      size="small"
      column={1}
      items={[
        { key: 'vin', label: tv('vin'), children: v.vin ?? '—' },
        { key: 'model', label: tv('model'), children: v.modelName ?? '—' },
        { key: 'owner', label: tv('owner'), children: v.owner?.name ?? '—' },
        { key: 'mileage', label: tv('currentMileage'), children: v.currentMileageKm === null ? '—' : `${formatNumber(v.currentMileageKm)} km` },
      ]}
    />
  );

  return (
    <Modal
      open={open}
      title={t('titleVehicle')}
      width={760}
      onCancel={close}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={close}>
          {tv('cancel')}
        </Button>,
        <Button key="ok" type="primary" danger disabled={!survivor || !merged} loading={busy} onClick={run}>
          {t('confirm')}
        </Button>,
      ]}
    >
      <Alert type="info" showIcon title={t('introVehicle')} style={{ marginBottom: 16 }} />
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <div>
          <div style={{ marginBottom: 6 }}>{t('pick')}</div>
          <VehiclePicker value={otherId} onChange={setOtherId} exclude={current.id} />
        </div>
        {otherId !== null ? (
          <>
            <div>
              <span style={{ marginInlineEnd: 12 }}>{t('keep')}</span>
              <Radio.Group
                optionType="button"
                value={keep}
                onChange={(e) => setKeep(e.target.value as Keep)}
                options={[
                  { value: 'current', label: t('keepCurrent') },
                  { value: 'other', label: t('keepOther') },
                ]}
              />
            </div>
            {other.isPending ? (
              <Skeleton active />
            ) : survivor && merged ? (
              <>
                <Row gutter={12}>
                  <Col span={11}>
                    <Side role="merged" title={<><CarOutlined /> {nameOf(merged)}</>}>
                      {describe(merged)}
                    </Side>
                  </Col>
                  <Col span={2} style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', fontSize: 20, color: 'rgba(0,0,0,0.45)' }}>
                    <ArrowRightOutlined />
                  </Col>
                  <Col span={11}>
                    <Side role="survivor" title={<><CarOutlined /> {nameOf(survivor)}</>}>
                      {describe(survivor)}
                    </Side>
                  </Col>
                </Row>
                <Card size="small" title={t('moves')}>
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    <li>{t('movesReadings', { count: merged.odometer.length })}</li>
                    <li>{t('movesTimeline', { count: mergedTimeline.data?.total ?? '…' })}</li>
                  </ul>
                  <div className="form-hint" style={{ marginTop: 6 }}>
                    {t('movesNote')}
                  </div>
                </Card>
              </>
            ) : null}
          </>
        ) : null}
      </Space>
    </Modal>
  );
}
