import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Divider, Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { CUSTOMER_KIND_LABELS, CUSTOMER_SOURCE_LABELS, type CustomerKind, type CustomerSource } from '#contracts/customers';
import type { PartyRef } from '#contracts/customers-vehicles';
import { useCan } from '../../app/auth';
import { applyServerErrors } from '../../components/form/serverErrors';
import { isApiError } from '../../lib/api';
import { usePickerOptions, useRecordsById } from '../../lib/records';
import { useOptions, useT } from '../../lib/i18n';
import { staffApi } from '../staff/api';
import { vehicleModelName, vehicleModelsApi } from '../vehicle-models/api';
import { customersApi, duplicatesOf } from './api';
import { useCustomerRules } from './rules';
import { CUSTOMER_TEXT, VEHICLE_TEXT } from './text';
import { useDuplicateDialog } from './useDuplicateDialog';

export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return debounced;
}

/** `张三 138****5678` */
export function partyLabel(p: Pick<PartyRef, 'name' | 'mobile'>): string {
  return p.mobile ? `${p.name}  ${p.mobile}` : p.name;
}

interface CustomerPickerProps {
  id?: string;
  value?: number | null;
  onChange?: (id: number | null) => void;
  /** The record's current party, so its name shows before any search. */
  known?: PartyRef | null;
  disabled?: boolean;
  placeholder?: string;
  /** Offers 新建客户 at the bottom of the list (a small form in a dialog). */
  allowCreate?: boolean;
  exclude?: number;
}

/**
 * Picks a customer file by name, pinyin initials or phone (searched on the server as you type),
 * with an inline "new customer" for the person at the counter who has no file yet.
 */
export function CustomerPicker({ id, value, onChange, known, disabled, placeholder, allowCreate = true, exclude }: CustomerPickerProps) {
  const t = useT(VEHICLE_TEXT);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const [creating, setCreating] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [extra, setExtra] = useState<PartyRef[]>([]);
  const list = useQuery({
    queryKey: [customersApi.key, 'list', { page: 1, pageSize: 20, q, picker: true }],
    queryFn: ({ signal }) => customersApi.list({ page: 1, pageSize: 20, q: q || undefined }, signal),
    staleTime: 30_000,
  });

  const options = useMemo(() => {
    const byId = new Map<number, PartyRef>();
    if (known) byId.set(known.id, known);
    for (const p of extra) byId.set(p.id, p);
    for (const c of list.data?.items ?? []) byId.set(c.id, { id: c.id, kind: c.kind, name: c.name, mobile: c.mobile });
    return [...byId.values()].filter((p) => p.id !== exclude).map((p) => ({ value: p.id, label: partyLabel(p) }));
  }, [known, extra, list.data, exclude]);

  return (
    <>
      <Select<number | null>
        id={id}
        value={value ?? null}
        onChange={(v) => onChange?.(v ?? null)}
        disabled={disabled}
        allowClear
        placeholder={placeholder ?? t('pickCustomer')}
        showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) setSearch('');
        }}
        loading={list.isFetching}
        options={options}
        style={{ width: '100%' }}
        notFoundContent={list.isFetching ? undefined : null}
        popupRender={(menu) => (
          <>
            {menu}
            {allowCreate ? (
              <>
                <Divider style={{ margin: '4px 0' }} />
                <Button type="link" icon={<PlusOutlined />} block style={{ textAlign: 'left' }} onMouseDown={(e) => e.preventDefault()}
                  onClick={() => {
                    setCreating(search.trim());
                    setOpen(false);
                  }}
                >
                  {t('newCustomer')}
                  {search.trim() ? `：${search.trim()}` : ''}
                </Button>
              </>
            ) : null}
          </>
        )}
      />
      {allowCreate ? (
        <QuickCustomerModal
          open={creating !== null}
          initialName={creating ?? ''}
          onClose={() => setCreating(null)}
          onCreated={(p) => {
            setExtra((prev) => [...prev.filter((x) => x.id !== p.id), p]);
            onChange?.(p.id);
            setCreating(null);
            setSearch('');
          }}
        />
      ) : null}
    </>
  );
}

interface QuickValues {
  kind: CustomerKind;
  name: string;
  mobile?: string;
  source?: CustomerSource | null;
  outletName?: string;
}

/** A customer file with the essentials, from inside another form (the vehicle's owner or driver). */
export function QuickCustomerModal({ open, initialName, onClose, onCreated }: { open: boolean; initialName: string; onClose: () => void; onCreated: (p: PartyRef) => void }) {
  const t = useT(CUSTOMER_TEXT);
  const { message } = App.useApp();
  const rules = useCustomerRules();
  const [form] = Form.useForm<QuickValues>();
  const [saving, setSaving] = useState(false);
  const askDuplicate = useDuplicateDialog();
  const kindOptions = useOptions(CUSTOMER_KIND_LABELS);
  const sourceOptions = useOptions(CUSTOMER_SOURCE_LABELS);
  const kind = Form.useWatch('kind', form);
  const source = Form.useWatch('source', form);

  useEffect(() => {
    // A digit string typed in the search was a phone, anything else a name.
    if (open) form.setFieldsValue(/^[\d\s+-]{4,}$/.test(initialName) ? { kind: 'person', name: '', mobile: initialName } : { kind: 'person', name: initialName, mobile: '' });
  }, [open, initialName, form]);

  const save = async (values: QuickValues, confirmDuplicate = false): Promise<void> => {
    setSaving(true);
    try {
      const created = await customersApi.create({
        kind: values.kind,
        name: values.name.trim(),
        mobile: values.mobile?.trim() ? values.mobile.trim() : null,
        otherPhones: [],
        address: '',
        source: values.source ?? null,
        outletName: values.outletName?.trim() ?? '',
        consent: { phone: null, sms: null, wechat: null },
        preferredAdvisorId: null,
        tags: [],
        notes: '',
        confirmDuplicate,
      });
      message.success(t('created'));
      form.resetFields();
      onCreated({ id: created.id, kind: created.kind, name: created.name, mobile: created.mobile });
    } catch (err) {
      const candidates = duplicatesOf(err);
      if (candidates) {
        setSaving(false);
        const choice = await askDuplicate(candidates, { useExisting: true });
        if (choice.kind === 'save') return save(values, true);
        if (choice.kind === 'use') {
          form.resetFields();
          onCreated({ id: choice.candidate.id, kind: 'person', name: choice.candidate.title, mobile: null });
        }
        return;
      }
      const unplaced = applyServerErrors(form, err);
      if (unplaced.length || !(isApiError(err) && err.fields.length > 0)) message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('create')}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={480}
    >
      <Form<QuickValues> form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ kind: 'person' }}>
        <Form.Item name="kind" label={t('kind')}>
          <Radio.Group optionType="button" options={kindOptions} />
        </Form.Item>
        <Form.Item name="name" label={kind === 'company' ? t('companyName') : t('name')} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
          <Input autoFocus autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item name="mobile" label={t('mobile')} rules={[rules.mobile()]} extra={t('mobileHint')}>
          <Input autoComplete="off" inputMode="tel" maxLength={20} />
        </Form.Item>
        <Form.Item name="source" label={t('source')}>
          <Select allowClear options={sourceOptions} placeholder={t('pleaseSelect')} />
        </Form.Item>
        {source === 'outlet' ? (
          <Form.Item name="outletName" label={t('outletName')} rules={[{ required: true, whitespace: true, message: t('outletHint') }]}>
            <Input maxLength={100} />
          </Form.Item>
        ) : null}
        <button type="submit" className="hidden-submit" tabIndex={-1} aria-hidden="true" />
      </Form>
    </Modal>
  );
}

/** The store's vehicle models (active ones, plus the current one), searchable by name. */
export function VehicleModelSelect({
  id,
  value,
  onChange,
  disabled,
  mode,
  placeholder,
}: {
  id?: string;
  value?: number | number[] | null;
  onChange?: (v: number | number[] | null) => void;
  disabled?: boolean;
  mode?: 'multiple';
  placeholder?: string;
}) {
  const t = useT(VEHICLE_TEXT);
  const models = usePickerOptions(vehicleModelsApi, '', 'brand');
  const currentIds = useMemo(() => (value == null ? [] : Array.isArray(value) ? value : [value]), [value]);
  const current = useRecordsById(vehicleModelsApi, currentIds);
  const options = useMemo(() => {
    const all = new Map((models.data?.items ?? []).map((m) => [m.id, m]));
    for (const m of current.values()) all.set(m.id, m);
    return [...all.values()].map((m) => ({ value: m.id, label: vehicleModelName(m) }));
  }, [models.data, current]);
  return (
    <Select<number | number[] | null>
      id={id}
      mode={mode}
      value={value ?? (mode ? [] : null)}
      onChange={(v) => onChange?.(v ?? null)}
      disabled={disabled}
      allowClear
      loading={models.isFetching}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder ?? t('modelPlaceholder')}
      options={options}
      maxTagCount="responsive"
    />
  );
}

/** The store's service advisors (needs `staff:read`; others see the current name only). */
export function AdvisorSelect({ id, value, onChange, currentName, disabled }: { id?: string; value?: number | null; onChange?: (v: number | null) => void; currentName?: string | null; disabled?: boolean }) {
  const t = useT(CUSTOMER_TEXT);
  const can = useCan();
  const allowed = can('staff:read');
  const staff = useQuery({
    queryKey: [staffApi.key, 'list', { role: 'service_advisor', pageSize: 200 }],
    queryFn: ({ signal }) => staffApi.list({ page: 1, pageSize: 200, role: 'service_advisor', sort: 'displayName', order: 'asc' }, signal),
    enabled: allowed,
    staleTime: 5 * 60_000,
  });
  const options = useMemo(() => {
    const list = (staff.data?.items ?? []).filter((s) => s.active || s.userId === value).map((s) => ({ value: s.userId, label: s.displayName }));
    if (value != null && !list.some((o) => o.value === value)) list.push({ value, label: currentName ?? '…' });
    return list;
  }, [staff.data, value, currentName]);
  return (
    <Select<number | null>
      id={id}
      value={value ?? null}
      onChange={(v) => onChange?.(v ?? null)}
      disabled={disabled || !allowed}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={staff.isFetching}
      placeholder={allowed ? t('pleaseSelect') : value != null ? currentName : t('advisorNoAccess')}
      options={options}
    />
  );
}
