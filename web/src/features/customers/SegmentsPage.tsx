import { CarOutlined, EditOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Col, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Spin, Table, Tag, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { CONSENT_CHANNELS, CUSTOMER_SOURCE_LABELS } from '#contracts/customers';
import type { Vehicle } from '#contracts/customers-vehicles';
import { WARRANTY_STATES, type Segment, type SegmentFilter } from '#contracts/customers-tools';
import { useCan, useMe } from '../../app/auth';
import { FormDrawer } from '../../components/form/FormDrawer';
import { useEscape } from '../../components/form/useEscape';
import { useRecordTarget } from '../../components/form/useRecordTarget';
import { PageHeader } from '../../components/PageHeader';
import { SectionTitle } from '../../components/SectionTitle';
import { EmptyState, ErrorState } from '../../components/states';
import { formatDate, formatMoney, formatNumber } from '../../lib/format';
import { useLabel, useLang, useOptions, useT } from '../../lib/i18n';
import { usePickerOptions } from '../../lib/records';
import { vehicleModelsApi } from '../vehicle-models/api';
import { segmentsApi } from './api';
import { DueDate, useStoreToday } from './display';
import { useDebounced, VehicleModelSelect } from './pickers';
import { rangeText, SEGMENT_RENAME, toFilter, toValues, type SegmentValues } from './segmentFilter';
import { CUSTOMER_TEXT, SEGMENT_TEXT, VEHICLE_TEXT, WARRANTY_STATE_LABELS } from './text';
import './customers.css';

/** The conditions of a segment in words: `车型 2 个 · 车龄 ≥ 3 年 · 最近进厂 ≥ 180 天前`. */
function useFilterSummary() {
  const t = useT(SEGMENT_TEXT);
  const tc = useT(CUSTOMER_TEXT);
  const label = useLabel();
  const { lang } = useLang();
  return (f: SegmentFilter): string[] => {
    const parts: string[] = [];
    if (f.vehicleModelIds.length) parts.push(t('sumModels', { n: f.vehicleModelIds.length }));
    const age = rangeText(f.vehicleAgeYears);
    if (age) parts.push(t('sumAge', { range: age }));
    const km = rangeText(f.mileageKm);
    if (km) parts.push(t('sumMileage', { range: km }));
    const usage = rangeText(f.avgKmPerDay);
    if (usage) parts.push(t('sumUsage', { range: usage }));
    if (f.visits) {
      const r = rangeText(f.visits);
      if (r) parts.push(t('sumVisits', { months: f.visits.withinMonths, range: r }));
    }
    if (f.lastVisit) {
      const r = rangeText({ min: f.lastVisit.minDaysAgo, max: f.lastVisit.maxDaysAgo });
      if (r) parts.push(`${t('sumLastVisit', { range: r })}${f.lastVisit.includeNever ? ` ${t('sumNever')}` : ''}`);
    }
    if (f.spendFen) {
      const r = rangeText(f.spendFen, (x) => formatMoney(x).replace('¥', ''));
      if (r) parts.push(t('sumSpend', { months: f.spendFen.withinMonths, range: r }));
    }
    if (f.sources.length) parts.push(f.sources.map((s) => label(CUSTOMER_SOURCE_LABELS, s)).join(lang === 'zh' ? '、' : ', '));
    if (f.outletName) parts.push(t('sumOutlet', { name: f.outletName }));
    if (f.warranty) parts.push(label(WARRANTY_STATE_LABELS, f.warranty.state));
    if (f.tags.length) parts.push(t('sumTags', { tags: f.tags.join(f.tagsMatch === 'all' ? ' + ' : ' / ') }));
    if (f.dueWithinDays !== null) parts.push(t('sumDue', { days: f.dueWithinDays }));
    if (f.soldByUs !== null) parts.push(f.soldByUs ? t('soldByUs') : `${t('soldByUs')}：${tc('no')}`);
    if (f.consent) {
      const names = { phone: tc('consentPhone'), sms: tc('consentSms'), wechat: tc('consentWechat') };
      parts.push(t('sumConsent', { channel: names[f.consent] }));
    }
    return parts;
  };
}

function Range({ min, max, unit, step, precision = 0 }: { min: keyof SegmentValues; max: keyof SegmentValues; unit?: string; step?: number; precision?: number }) {
  const t = useT(SEGMENT_TEXT);
  return (
    <div className="segment-range">
      <Form.Item name={min} noStyle>
        <InputNumber min={0} step={step} precision={precision} placeholder={t('min')} suffix={unit} aria-label={t('min')} />
      </Form.Item>
      <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('to')}</span>
      <Form.Item name={max} noStyle>
        <InputNumber min={0} step={step} precision={precision} placeholder={t('max')} suffix={unit} aria-label={t('max')} />
      </Form.Item>
    </div>
  );
}

/** The filter builder with a live count of matching vehicles and customers, saved as a segment. */
function SegmentDrawer({ target, onClose, canManage }: { target: number | 'new' | null; onClose: () => void; canManage: boolean }) {
  const t = useT(SEGMENT_TEXT);
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<SegmentValues>();
  const sourceOptions = useOptions(CUSTOMER_SOURCE_LABELS);
  const warrantyOptions = useOptions(WARRANTY_STATE_LABELS, WARRANTY_STATES);
  const tc = useT(CUSTOMER_TEXT);
  const id = typeof target === 'number' ? target : null;
  const record = useQuery({ queryKey: [segmentsApi.key, 'record', id], queryFn: () => segmentsApi.get(id!), enabled: id !== null });
  const current = id === null ? null : (record.data ?? null);
  const all = Form.useWatch([], form) as Partial<SegmentValues> | undefined;
  const filter = useMemo(() => toFilter(all ?? {}), [all]);
  const debounced = useDebounced(JSON.stringify(filter), 400);
  const preview = useQuery({
    queryKey: [segmentsApi.key, 'preview', debounced],
    queryFn: () => segmentsApi.preview(JSON.parse(debounced) as SegmentFilter),
    enabled: target !== null && all !== undefined,
    placeholderData: keepPreviousData,
    retry: false,
  });

  const submit = async (v: SegmentValues) => {
    const body = { name: v.name.trim(), description: v.description?.trim() ?? '', filter: toFilter(v) };
    const saved = current ? await segmentsApi.update(current.id, { ...body, version: current.version }) : await segmentsApi.create(body);
    client.setQueryData([segmentsApi.key, 'record', saved.id], saved);
    await client.invalidateQueries({ queryKey: [segmentsApi.key] });
    message.success(t('saved'));
    onClose();
  };

  const consentOptions = CONSENT_CHANNELS.map((c) => ({ value: c, label: { phone: tc('consentPhone'), sms: tc('consentSms'), wechat: tc('consentWechat') }[c] }));

  return (
    <FormDrawer<SegmentValues>
      open={target !== null}
      title={current ? `${canManage ? t('edit') : t('view')}：${current.name}` : id !== null ? t('edit') : t('create')}
      form={form}
      initialValues={toValues(current?.filter ?? null, current?.name ?? '', current?.description ?? '')}
      initKey={current ? `${current.id}:${current.version}` : String(target)}
      loading={id !== null && record.isPending}
      onSubmit={submit}
      onClose={onClose}
      onReload={() => void record.refetch()}
      readOnly={!canManage}
      width={720}
      rename={SEGMENT_RENAME}
    >
      <div className="live-count" data-testid="segment-live-count">
        <span>{t('live')}</span>
        {preview.data ? (
          <>
            <span>
              <CarOutlined /> <strong>{formatNumber(preview.data.vehicles)}</strong> {t('unitVehicles')}
            </span>
            <span>
              <TeamOutlined /> <strong>{formatNumber(preview.data.customers)}</strong> {t('unitCustomers')}
            </span>
          </>
        ) : null}
        {preview.isFetching ? <Spin size="small" /> : null}
        {preview.isError ? <span style={{ color: '#cf1322' }}>{preview.error.message}</span> : null}
      </div>
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true }, { max: 60 }]}>
            <Input autoFocus maxLength={60} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="description" label={t('descriptionField')} rules={[{ max: 500 }]}>
            <Input maxLength={500} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>

      <SectionTitle>{t('secVehicle')}</SectionTitle>
      <Form.Item name="vehicleModelIds" label={t('models')}>
        <VehicleModelSelect mode="multiple" placeholder={t('anyModel')} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label={t('age')}>
            <Range min="ageMin" max="ageMax" step={1} precision={1} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label={t('mileage')}>
            <Range min="mileageMin" max="mileageMax" step={5000} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label={t('usage')}>
            <Range min="usageMin" max="usageMax" step={10} precision={1} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label={t('warranty')}>
            <Form.Item name="warrantyState" noStyle>
              <Select allowClear options={warrantyOptions} placeholder={t('anyWarranty')} />
            </Form.Item>
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label={t('dueWithin')}>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="dueWithinDays" noStyle>
                <InputNumber min={0} max={3650} precision={0} style={{ width: '100%' }} suffix={t('dueWithinDays')} />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="soldByUs" label={t('soldByUs')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'any', label: t('any') },
                { value: 'yes', label: tc('yes') },
                { value: 'no', label: tc('no') },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>

      <SectionTitle>{t('secVisits')}</SectionTitle>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label={t('visits')}>
            <Range min="visitsMin" max="visitsMax" />
            <div style={{ display: 'flex', alignItems: 'center', gap: 6, marginTop: 6 }}>
              <span className="form-hint">{t('recentMonths')}</span>
              <Form.Item name="visitsMonths" noStyle>
                <InputNumber min={1} max={120} precision={0} size="small" style={{ width: 72 }} />
              </Form.Item>
              <span className="form-hint">{t('months')}</span>
            </div>
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label={t('lastVisit')}>
            <Range min="lastMinDays" max="lastMaxDays" unit={t('daysAgo')} />
            <Form.Item name="includeNever" valuePropName="checked" noStyle>
              <Checkbox style={{ marginTop: 6 }}>{t('includeNever')}</Checkbox>
            </Form.Item>
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label={t('spend')} extra={t('spendHint')}>
            <Range min="spendMin" max="spendMax" step={100} precision={2} />
            <div style={{ display: 'flex', alignItems: 'center', gap: 6, marginTop: 6 }}>
              <span className="form-hint">{t('recentMonths')}</span>
              <Form.Item name="spendMonths" noStyle>
                <InputNumber min={1} max={120} precision={0} size="small" style={{ width: 72 }} />
              </Form.Item>
              <span className="form-hint">{t('months')}</span>
            </div>
          </Form.Item>
        </Col>
      </Row>

      <SectionTitle>{t('secCustomer')}</SectionTitle>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="sources" label={t('sources')}>
            <Select mode="multiple" allowClear options={sourceOptions} placeholder={t('anySource')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="outletName" label={t('outletName')} rules={[{ max: 100 }]}>
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label={t('tags')}>
            <Form.Item name="tags" noStyle>
              <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} placeholder={tc('tagPlaceholder')} />
            </Form.Item>
            <Form.Item name="tagsMatch" noStyle>
              <Radio.Group
                size="small"
                style={{ marginTop: 6 }}
                options={[
                  { value: 'any', label: t('tagsAny') },
                  { value: 'all', label: t('tagsAll') },
                ]}
              />
            </Form.Item>
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="consent" label={t('consent')}>
            <Select allowClear options={consentOptions} placeholder={t('anyConsent')} />
          </Form.Item>
        </Col>
      </Row>
    </FormDrawer>
  );
}

function SegmentVehicles({ segment, onClose }: { segment: Segment | null; onClose: () => void }) {
  const t = useT(SEGMENT_TEXT);
  const tv = useT(VEHICLE_TEXT);
  const tc = useT(CUSTOMER_TEXT);
  const navigate = useNavigate();
  const today = useStoreToday();
  const me = useMe();
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: [segmentsApi.key, 'vehicles', segment?.id, page],
    queryFn: ({ signal }) => segmentsApi.vehicles(segment!.id, { page, pageSize: 20 }, signal),
    enabled: segment !== null,
    placeholderData: keepPreviousData,
  });
  useEscape(segment !== null, onClose);
  return (
    <Drawer open={segment !== null} title={segment ? t('vehiclesOf', { name: segment.name }) : ''} size={980} onClose={onClose} keyboard={false}>
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<Vehicle>
          size="small"
          className="clickable-rows"
          rowKey="id"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: query.isPending ? ' ' : <EmptyState title={t('vehiclesEmpty')} /> }}
          onRow={(v) => ({ onClick: () => navigate(`/vehicles/${v.id}`), tabIndex: 0, onKeyDown: (e) => e.key === 'Enter' && navigate(`/vehicles/${v.id}`) })}
          pagination={{ current: page, pageSize: 20, total: query.data?.total ?? 0, showSizeChanger: false, onChange: setPage, showTotal: (total) => t('total', { total }) }}
          columns={[
            { key: 'plate', title: tv('plate'), width: 110, render: (_, v) => v.plateDisplay ?? '—' },
            { key: 'model', title: tv('model'), width: 200, ellipsis: true, render: (_, v) => v.modelName ?? '—' },
            { key: 'owner', title: tv('owner'), width: 150, ellipsis: true, render: (_, v) => v.owner?.name ?? '—' },
            { key: 'mobile', title: tc('mobile'), width: 120, render: (_, v) => v.owner?.mobile ?? '—' },
            { key: 'mileage', title: tv('currentMileage'), width: 100, align: 'right', render: (_, v) => (v.currentMileageKm === null ? '—' : formatNumber(v.currentMileageKm)) },
            { key: 'due', title: tv('nextDueDate'), width: 160, render: (_, v) => <DueDate date={v.nextDueDate} today={today} /> },
            { key: 'last', title: tv('lastVisit'), width: 100, render: (_, v) => (v.lastVisitAt ? formatDate(v.lastVisitAt, me.store.timeZone) : '—') },
          ]}
        />
      )}
    </Drawer>
  );
}

/** 客户细分: saved filters over vehicles and their customers with live counts, for campaigns and reminders. */
export default function SegmentsPage() {
  const t = useT(SEGMENT_TEXT);
  const can = useCan();
  const me = useMe();
  const canManage = can('segment:manage');
  const editor = useRecordTarget();
  const viewer = useRecordTarget('vehicles');
  const summary = useFilterSummary();
  usePickerOptions(vehicleModelsApi, '', 'brand');
  const list = useQuery({ queryKey: [segmentsApi.key, 'list'], queryFn: segmentsApi.list });
  const viewing = typeof viewer.target === 'number' ? (list.data?.find((s) => s.id === viewer.target) ?? null) : null;

  const createButton = canManage ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={editor.openNew}>
      {t('create')}
    </Button>
  ) : null;

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} actions={createButton} />
      <Card variant="borderless" styles={{ body: { padding: 16 } }}>
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Segment>
            size="small"
            className="clickable-rows"
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: list.isPending ? ' ' : <EmptyState title={t('empty')} hint={canManage ? t('emptyHint') : t('emptyHintReadOnly')} action={createButton} />,
            }}
            onRow={(s) => ({ onClick: () => editor.openRecord(s.id), tabIndex: 0, onKeyDown: (e) => e.key === 'Enter' && editor.openRecord(s.id) })}
            columns={[
              {
                key: 'name',
                title: t('name'),
                width: 220,
                render: (_, s) => (
                  <div>
                    <div style={{ fontWeight: 500 }}>{s.name}</div>
                    {s.description ? <div className="form-hint">{s.description}</div> : null}
                  </div>
                ),
              },
              {
                key: 'conditions',
                title: t('conditions'),
                render: (_, s) => {
                  const parts = summary(s.filter);
                  return parts.length ? (
                    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
                      {parts.map((p) => (
                        <Tag key={p} style={{ marginInlineEnd: 0 }}>
                          {p}
                        </Tag>
                      ))}
                    </span>
                  ) : (
                    <span className="form-hint">{t('noConditions')}</span>
                  );
                },
              },
              {
                key: 'counts',
                title: t('counts'),
                width: 170,
                render: (_, s) => (
                  <div style={{ whiteSpace: 'nowrap' }}>
                    <div>{t('countVehicles', { count: formatNumber(s.counts.vehicles) })}</div>
                    <div className="form-hint">{t('countCustomers', { count: formatNumber(s.counts.customers) })}</div>
                  </div>
                ),
              },
              { key: 'updatedAt', title: t('updatedAt'), width: 110, render: (_, s) => formatDate(s.updatedAt, me.store.timeZone) },
              {
                key: 'actions',
                title: t('actions'),
                width: 170,
                render: (_, s) => (
                  <Space size={4} onClick={(e) => e.stopPropagation()}>
                    <Button size="small" icon={<CarOutlined />} onClick={() => viewer.openRecord(s.id)}>
                      {t('vehicles')}
                    </Button>
                    {canManage ? (
                      <Tooltip title={t('edit')}>
                        <Button size="small" icon={<EditOutlined />} aria-label={t('edit')} onClick={() => editor.openRecord(s.id)} />
                      </Tooltip>
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <SegmentDrawer target={editor.target} onClose={editor.close} canManage={canManage} />
      <SegmentVehicles segment={viewing} onClose={viewer.close} />
    </>
  );
}
