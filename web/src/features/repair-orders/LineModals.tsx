import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { ButtonProps } from 'antd';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Segmented, Select, Space, Table, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { Page } from '#contracts/common';
import type { Part } from '#contracts/parts';
import { PART_UNIT_LABELS } from '#contracts/parts';
import {
  DECISION_CHANNEL_LABELS,
  PAUSE_REASON_LABELS,
  PAYER_LABELS,
  type AdditionalWork,
  type AdditionalWorkCreate,
  type AdditionalWorkDecision,
  type DecisionChannel,
  type Payer,
  type PauseReason,
  type RoLineInput,
} from '#contracts/repair-orders';
import type { MaintenancePackage, ServiceItem } from '#contracts/service-items';
import { JOB_TYPE_LABELS, type JobType } from '#contracts/stores';
import { useEscape } from '../../components/form/useEscape';
import { api } from '../../lib/api';
import { formatMoney } from '../../lib/format';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { roApi } from './api';
import { parseYuan } from './display';
import { RO_TEXT } from './text';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return debounced;
}

/** A line typed into a form, with what is needed to show it before the server prices it. */
export interface DraftLine {
  input: RoLineInput;
  description: string;
  /** An estimate for the screen (the server prices the line). */
  amountFen: number | null;
}

type Kind = 'labour' | 'part' | 'package';

interface LineValues {
  serviceItemId: number | null;
  description: string;
  jobType: JobType;
  hours: string;
  fixedPrice: string;
  partId: number | null;
  quantity: string;
  unitPrice: string;
  payer: Payer;
  requestParts: boolean;
  packageId: number | null;
}

const EMPTY: LineValues = {
  serviceItemId: null,
  description: '',
  jobType: 'mechanical',
  hours: '1',
  fixedPrice: '',
  partId: null,
  quantity: '1',
  unitPrice: '',
  payer: 'customer',
  requestParts: true,
  packageId: null,
};

/**
 * Picks one line (or a whole package): labour from the service items or typed freely, a part from
 * the catalog with its retail price, the payer of the line. Calls `onAdd` with the lines.
 */
function LineForm({ onAdd, allowPackage, busy, submitText }: { onAdd: (lines: DraftLine[]) => Promise<unknown> | void; allowPackage: boolean; busy?: boolean; submitText: string }) {
  const t = useT(RO_TEXT);
  const label = useLabel();
  const [form] = Form.useForm<LineValues>();
  const [kind, setKind] = useState<Kind>('labour');
  const [itemQ, setItemQ] = useState('');
  const [partQ, setPartQ] = useState('');
  const iq = useDebounced(itemQ.trim(), 200);
  const pq = useDebounced(partQ.trim(), 200);
  const payerOptions = useOptions(PAYER_LABELS);
  const jobOptions = useOptions(JOB_TYPE_LABELS);
  const items = useQuery({
    queryKey: ['service-items', 'list', { picker: true, q: iq }],
    queryFn: ({ signal }) => api.get<Page<ServiceItem>>('/api/service-items', { page: 1, pageSize: 30, active: 'true', q: iq || undefined, sort: 'code' }, signal),
    enabled: kind === 'labour',
    staleTime: 60_000,
  });
  const parts = useQuery({
    queryKey: ['parts', 'list', { picker: true, q: pq }],
    queryFn: ({ signal }) => roApi.parts(pq, signal),
    enabled: kind === 'part',
    staleTime: 30_000,
  });
  const packages = useQuery({
    queryKey: ['maintenance-packages', 'list', { picker: true }],
    queryFn: ({ signal }) => api.get<Page<MaintenancePackage>>('/api/maintenance-packages', { page: 1, pageSize: 200, active: 'true', sort: 'code' }, signal),
    enabled: kind === 'package',
    staleTime: 60_000,
  });
  const allItems = useQuery({
    queryKey: ['service-items', 'list', { picker: true, all: true }],
    queryFn: ({ signal }) => api.get<Page<ServiceItem>>('/api/service-items', { page: 1, pageSize: 200, active: 'true' }, signal),
    enabled: kind === 'package',
    staleTime: 60_000,
  });
  // The picked records, kept when the search word (and so the options) changes.
  const [item, setItem] = useState<ServiceItem | undefined>(undefined);
  const [part, setPart] = useState<Part | undefined>(undefined);

  const finish = async (v: LineValues) => {
    if (kind === 'package') {
      const pkg = packages.data?.items.find((p) => p.id === v.packageId);
      if (!pkg) return;
      const byId = new Map((allItems.data?.items ?? []).map((i) => [i.id, i]));
      await onAdd(
        pkg.serviceItemIds.map((id) => {
          const it = byId.get(id);
          return {
            input: { kind: 'labour', serviceItemId: id, description: '', jobType: it?.jobType ?? 'mechanical', hours: it?.standardHours ?? '0', fixedPriceFen: null, payer: v.payer },
            description: it ? `${it.code} ${it.name}` : `#${id}`,
            amountFen: it?.priceFen ?? null,
          };
        }),
      );
    } else if (kind === 'labour') {
      const fixed = v.fixedPrice ? parseYuan(v.fixedPrice) : null;
      const it = v.serviceItemId ? item : undefined;
      await onAdd([
        {
          input: {
            kind: 'labour',
            serviceItemId: v.serviceItemId,
            description: v.description?.trim() ?? '',
            jobType: it?.jobType ?? v.jobType,
            hours: v.hours || '0',
            fixedPriceFen: fixed,
            payer: v.payer,
          },
          description: it ? `${it.code} ${it.name}${v.description ? ` · ${v.description}` : ''}` : v.description,
          amountFen: fixed ?? (it && it.standardHours === v.hours ? it.priceFen : null),
        },
      ]);
    } else {
      const p = v.partId ? part : undefined;
      if (!p) return;
      const price = v.unitPrice ? parseYuan(v.unitPrice) : null;
      const unit = price ?? p.retailPriceFen;
      await onAdd([
        {
          input: { kind: 'part', partId: p.id, quantity: v.quantity, unitPriceFen: price, payer: v.payer, requestParts: v.requestParts },
          description: `${p.partNo} ${p.name}`,
          amountFen: /^\d+$/.test(v.quantity) ? unit * Number(v.quantity) : null,
        },
      ]);
    }
    form.resetFields();
    setItem(undefined);
    setPart(undefined);
  };

  const yuanRule = { pattern: /^\d{1,10}(\.\d{1,2})?$/, message: t('yuanInvalid') };
  return (
    <Form<LineValues> form={form} layout="vertical" initialValues={EMPTY} onFinish={(v) => void finish(v)} size="middle">
      <Segmented<Kind>
        value={kind}
        onChange={setKind}
        style={{ marginBottom: 12 }}
        options={[
          { value: 'labour', label: t('labour') },
          { value: 'part', label: t('part') },
          ...(allowPackage ? [{ value: 'package' as const, label: t('package') }] : []),
        ]}
      />
      {kind === 'labour' ? (
        <>
          <Form.Item name="serviceItemId" label={t('serviceItem')} extra={item ? t('itemHint', { hours: item.standardHours, price: formatMoney(item.priceFen) }) : t('serviceItemHint')}>
            <Select<number>
              allowClear
              showSearch={{ filterOption: false, onSearch: setItemQ, searchValue: itemQ }}
              placeholder={t('serviceItemPlaceholder')}
              loading={items.isFetching}
              options={(items.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.code} ${i.name} · ${i.standardHours}h · ${formatMoney(i.priceFen)}` }))}
              onChange={(id) => {
                const it = id ? items.data?.items.find((i) => i.id === id) : undefined;
                setItem(it);
                if (it) form.setFieldsValue({ hours: it.standardHours, jobType: it.jobType });
              }}
              aria-label={t('serviceItem')}
            />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('lineDescription')}
            dependencies={['serviceItemId']}
            rules={[({ getFieldValue }) => ({ validator: (_, v: string) => (getFieldValue('serviceItemId') || v?.trim() ? Promise.resolve() : Promise.reject(new Error(t('descriptionRequired')))) })]}
          >
            <Input maxLength={200} placeholder={t('lineDescriptionPlaceholder')} />
          </Form.Item>
          <Space.Compact block>
            <Form.Item name="jobType" label={t('jobType')} style={{ width: '34%' }}>
              <Select options={jobOptions} disabled={!!item} />
            </Form.Item>
            <Form.Item name="hours" label={t('hours')} style={{ width: '28%' }} rules={[{ pattern: /^\d{1,4}(\.\d{1,2})?$/, message: t('hoursInvalid') }]}>
              <Input suffix="h" />
            </Form.Item>
            <Form.Item name="fixedPrice" label={t('fixedPrice')} style={{ width: '38%' }} rules={[yuanRule]} extra={t('fixedPriceHint')}>
              <Input prefix="¥" placeholder={t('optionalShort')} />
            </Form.Item>
          </Space.Compact>
        </>
      ) : kind === 'part' ? (
        <>
          <Form.Item name="partId" label={t('part')} rules={[{ required: true, message: t('partRequired') }]}>
            <Select<number>
              showSearch={{ filterOption: false, onSearch: setPartQ, searchValue: partQ }}
              placeholder={t('partPlaceholder')}
              loading={parts.isFetching}
              options={(parts.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.partNo} ${p.name} · ${formatMoney(p.retailPriceFen)} · ${t('onHand', { qty: p.onHand })}` }))}
              onChange={(id) => {
                setPart(parts.data?.items.find((p) => p.id === id));
                form.setFieldsValue({ unitPrice: '' });
              }}
              aria-label={t('part')}
            />
          </Form.Item>
          <Space.Compact block>
            <Form.Item name="quantity" label={t('quantity')} style={{ width: '40%' }} rules={[{ required: true, pattern: /^\d{1,7}(\.\d{1,3})?$/, message: t('quantityInvalid') }]}>
              <Input suffix={part ? label(PART_UNIT_LABELS, part.unit) : undefined} />
            </Form.Item>
            <Form.Item name="unitPrice" label={t('unitPrice')} style={{ width: '60%' }} rules={[yuanRule]} extra={part ? t('retailHint', { price: formatMoney(part.retailPriceFen) }) : undefined}>
              <Input prefix="¥" placeholder={part ? (part.retailPriceFen / 100).toFixed(2) : ''} />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="requestParts" valuePropName="checked">
            <Checkbox>{t('requestParts')}</Checkbox>
          </Form.Item>
        </>
      ) : (
        <Form.Item name="packageId" label={t('package')} rules={[{ required: true, message: t('packageRequired') }]}>
          <Select<number>
            showSearch={{ optionFilterProp: 'label' }}
            loading={packages.isFetching}
            options={(packages.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
            aria-label={t('package')}
          />
        </Form.Item>
      )}
      <Form.Item name="payer" label={t('payer')}>
        <Radio.Group options={payerOptions} optionType="button" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} icon={<PlusOutlined />}>
        {submitText}
      </Button>
    </Form>
  );
}

/** 添加项目: a labour line, a part or a package, added to the RO at once. */
export function AddLineModal({ open, onClose, onAdd }: { open: boolean; onClose: () => void; onAdd: (lines: RoLineInput[]) => Promise<unknown> }) {
  const t = useT(RO_TEXT);
  const [busy, setBusy] = useState(false);
  useEscape(open, () => (busy ? undefined : onClose()));
  return (
    <Modal open={open} title={t('addLine')} onCancel={onClose} footer={null} destroyOnHidden width={560} keyboard={false}>
      <LineForm
        allowPackage
        busy={busy}
        submitText={t('addToRo')}
        onAdd={async (lines) => {
          setBusy(true);
          try {
            await onAdd(lines.map((l) => l.input));
            onClose();
          } finally {
            setBusy(false);
          }
        }}
      />
    </Modal>
  );
}

/** 追加项目: what was found, whether it is a safety item, the delay, and its lines (SPEC §5). */
export function RaiseWorkModal({ open, onClose, onRaise }: { open: boolean; onClose: () => void; onRaise: (body: AdditionalWorkCreate) => Promise<unknown> }) {
  const t = useT(RO_TEXT);
  const label = useLabel();
  const [form] = Form.useForm<{ description: string; safety: boolean; delayMinutes: number }>();
  const [lines, setLines] = useState<DraftLine[]>([]);
  const [busy, setBusy] = useState(false);
  const [noLines, setNoLines] = useState(false);
  const [wasOpen, setWasOpen] = useState(open);
  if (wasOpen !== open) {
    setWasOpen(open);
    if (open) {
      setLines([]);
      setNoLines(false);
    }
  }
  const total = lines.reduce<number | null>((sum, l) => (sum === null || l.amountFen === null ? null : sum + l.amountFen), 0);
  const submit = async (v: { description: string; safety: boolean; delayMinutes: number }) => {
    if (lines.length === 0) {
      setNoLines(true);
      return;
    }
    setBusy(true);
    try {
      await onRaise({ description: v.description, safety: v.safety, delayMinutes: v.delayMinutes ?? 0, lines: lines.map((l) => l.input), photos: [] });
      onClose();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('raiseWork')}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      okText={t('raiseSubmit')}
      cancelText={t('cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'raise-submit' } as ButtonProps}
      onOk={() => form.submit()}
    >
      <Form form={form} layout="vertical" initialValues={{ description: '', safety: false, delayMinutes: 30 }} onFinish={(v) => void submit(v)}>
        <Form.Item name="description" label={t('workDescription')} rules={[{ required: true, whitespace: true, message: t('workDescriptionRequired') }]}>
          <Input.TextArea rows={2} maxLength={500} placeholder={t('workDescriptionPlaceholder')} autoFocus />
        </Form.Item>
        <Space size={24}>
          <Form.Item name="safety" valuePropName="checked">
            <Checkbox>{t('safetyItem')}</Checkbox>
          </Form.Item>
          <Form.Item name="delayMinutes" label={t('delay')} layout="horizontal">
            <InputNumber<number> min={0} max={43200} step={15} suffix={t('minutesUnit')} style={{ width: 140 }} />
          </Form.Item>
        </Space>
      </Form>
      <div className="section-title">
        <div className="section-title-text">{t('workLines')}</div>
      </div>
      {noLines && lines.length === 0 ? <Alert type="error" showIcon title={t('workLinesRequired')} style={{ marginBottom: 8 }} /> : null}
      {lines.length ? (
        <Table
          size="small"
          pagination={false}
          rowKey={(_, i) => String(i)}
          dataSource={lines}
          style={{ marginBottom: 12 }}
          columns={[
            { key: 'k', title: t('kind'), width: 64, render: (_, l) => (l.input.kind === 'labour' ? t('labour') : t('part')) },
            { key: 'd', title: t('item'), render: (_, l) => l.description },
            { key: 'p', title: t('payer'), width: 90, render: (_, l) => label(PAYER_LABELS, l.input.payer) },
            { key: 'a', title: t('estimate'), width: 100, align: 'right', render: (_, l) => (l.amountFen === null ? t('pricedByServer') : formatMoney(l.amountFen)) },
            {
              key: 'x',
              width: 44,
              render: (_, _l, i) => <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('remove')} onClick={() => setLines(lines.filter((_x, j) => j !== i))} />,
            },
          ]}
          summary={() =>
            total !== null ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={3}>
                  {t('total')}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {formatMoney(total)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} />
              </Table.Summary.Row>
            ) : null
          }
        />
      ) : null}
      <div className="line-form-box">
        <LineForm allowPackage={false} submitText={t('addWorkLine')} onAdd={(more) => setLines((l) => [...l, ...more])} />
      </div>
    </Modal>
  );
}

/** 客户意见: approved or declined, by whom, how (SPEC §5: never done without consent). */
export function DecisionModal({
  work,
  defaultName,
  onClose,
  onDecide,
}: {
  work: AdditionalWork | null;
  defaultName: string;
  onClose: () => void;
  onDecide: (work: AdditionalWork, body: AdditionalWorkDecision) => Promise<unknown>;
}) {
  const t = useT(RO_TEXT);
  const channels = useOptions(DECISION_CHANNEL_LABELS);
  const [form] = Form.useForm<{ decision: 'approved' | 'declined'; decidedBy: string; channel: DecisionChannel; note: string }>();
  const [busy, setBusy] = useState(false);
  const initial = useMemo(() => ({ decision: 'approved' as const, decidedBy: defaultName, channel: 'phone' as const, note: '' }), [defaultName]);
  return (
    <Modal
      open={work !== null}
      title={work ? t('decisionTitle', { description: work.description }) : ''}
      onCancel={onClose}
      destroyOnHidden
      okText={t('saveDecision')}
      cancelText={t('cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'decision-submit' } as ButtonProps}
      onOk={() => form.submit()}
    >
      {work ? (
        <div className="decision-summary">
          {work.safety ? <Tag color="red">{t('safety')}</Tag> : null}
          {t('decisionCost', { amount: formatMoney(work.amountFen), minutes: work.delayMinutes })}
        </div>
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={async (v) => {
          if (!work) return;
          setBusy(true);
          try {
            await onDecide(work, { ...v, version: work.version });
            onClose();
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="decision" label={t('decision')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'approved', label: t('approve') },
              { value: 'declined', label: t('decline') },
            ]}
          />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="decidedBy" label={t('decidedBy')} style={{ width: '55%' }} rules={[{ required: true, whitespace: true, message: t('decidedByRequired') }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="channel" label={t('channel')} style={{ width: '45%' }}>
            <Select options={channels} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="note" label={t('note')}>
          <Input maxLength={300} />
        </Form.Item>
        <button type="submit" className="hidden-submit" tabIndex={-1} aria-hidden="true" />
      </Form>
    </Modal>
  );
}

/** A reason typed before a change that needs one (remove a line, cancel, pause, send back, reverse). */
export function ReasonModal({
  open,
  title,
  content,
  okText,
  danger,
  pause,
  onClose,
  onSubmit,
}: {
  open: boolean;
  title: string;
  content?: string;
  okText: string;
  danger?: boolean;
  /** Also ask the pause reason (暂停). */
  pause?: boolean;
  onClose: () => void;
  onSubmit: (reason: string, pauseReason: PauseReason | null) => Promise<unknown>;
}) {
  const t = useT(RO_TEXT);
  const pauseOptions = useOptions(PAUSE_REASON_LABELS);
  const [form] = Form.useForm<{ reason: string; pauseReason: PauseReason }>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      destroyOnHidden
      okText={okText}
      cancelText={t('cancel')}
      okButtonProps={{ danger, loading: busy, 'data-testid': 'reason-submit' } as ButtonProps}
      onOk={() => form.submit()}
    >
      {content ? <p>{content}</p> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ reason: '', pauseReason: 'waiting_parts' }}
        onFinish={async (v) => {
          setBusy(true);
          try {
            await onSubmit(v.reason.trim(), pause ? v.pauseReason : null);
            onClose();
          } finally {
            setBusy(false);
          }
        }}
      >
        {pause ? (
          <Form.Item name="pauseReason" label={t('pauseReason')}>
            <Select options={pauseOptions} />
          </Form.Item>
        ) : null}
        <Form.Item name="reason" label={t('reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('reasonRequired') }]}>
          <Input maxLength={300} autoFocus />
        </Form.Item>
        <button type="submit" className="hidden-submit" tabIndex={-1} aria-hidden="true" />
      </Form>
    </Modal>
  );
}
