import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Space, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { CUSTOMER_KIND_LABELS, CUSTOMER_SOURCE_LABELS, type Customer } from '#contracts/customers';
import { useCan, useMe } from '../../app/auth';
import { useRecordTarget } from '../../components/form/useRecordTarget';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import { formatDate } from '../../lib/format';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { staffApi } from '../staff/api';
import { customersApi } from './api';
import { CustomerDrawer } from './CustomerDrawer';
import { CompletenessBar, ConsentIcons, MissingTags, sourceText } from './display';
import { CUSTOMER_TEXT } from './text';

/** 客户档案: the customer files with filters, masked phones, server-side Excel export and the create form. */
export default function CustomersPage() {
  const t = useT(CUSTOMER_TEXT);
  const label = useLabel();
  const can = useCan();
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const drawer = useRecordTarget();
  // A new file opens on its own page once the drawer has closed (and no longer guards leaving).
  const [created, setCreated] = useState<number | null>(null);
  useEffect(() => {
    if (created !== null && drawer.target === null) navigate(`/customers/${created}`);
  }, [created, drawer.target, navigate]);
  const canWrite = can('customer:write');
  const kindOptions = useOptions(CUSTOMER_KIND_LABELS);
  const sourceOptions = useOptions(CUSTOMER_SOURCE_LABELS);

  // Outlet names come from the quality report (one group per named outlet).
  const quality = useQuery({ queryKey: [customersApi.key, 'quality'], queryFn: ({ signal }) => customersApi.quality(signal), staleTime: 5 * 60_000 });
  const outlets = useMemo(
    () =>
      [...new Set((quality.data?.bySource ?? []).filter((g) => g.source === 'outlet' && g.outletName).map((g) => g.outletName))]
        .sort((a, b) => a.localeCompare(b, 'zh-CN'))
        .map((name) => ({ value: name, label: name })),
    [quality.data],
  );
  const staff = useQuery({
    queryKey: [staffApi.key, 'list', { role: 'service_advisor', pageSize: 200 }],
    queryFn: ({ signal }) => staffApi.list({ page: 1, pageSize: 200, role: 'service_advisor', sort: 'displayName', order: 'asc' }, signal),
    enabled: can('staff:read'),
    staleTime: 5 * 60_000,
  });
  const advisorNames = useMemo(() => new Map((staff.data?.items ?? []).map((s) => [s.userId, s.displayName])), [staff.data]);

  const columns = useMemo<ListColumn<Customer>[]>(
    () => [
      {
        key: 'name',
        title: t('name'),
        sortField: 'name',
        width: 190,
        render: (c) => (
          <Space size={4} wrap={false}>
            <span>{c.name}</span>
            {c.kind === 'company' ? <Tag color="blue">{label(CUSTOMER_KIND_LABELS, c.kind)}</Tag> : null}
            {c.mergedIntoId ? <Tag>{t('merged')}</Tag> : null}
          </Space>
        ),
        exportValue: (c) => c.name,
      },
      { key: 'mobile', title: t('mobile'), width: 124, render: (c) => c.mobile ?? '—' },
      {
        key: 'source',
        title: t('source'),
        width: 160,
        ellipsis: true,
        render: (c) => sourceText(label, c.source, c.outletName, t('sourceUnknown')),
      },
      {
        key: 'tags',
        title: t('tags'),
        width: 170,
        render: (c) =>
          c.tags.length ? (
            <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
              {c.tags.map((x) => (
                <Tag key={x} style={{ marginInlineEnd: 0 }}>
                  {x}
                </Tag>
              ))}
            </span>
          ) : (
            '—'
          ),
        exportValue: (c) => c.tags.join('、'),
      },
      {
        key: 'advisor',
        title: t('advisor'),
        width: 100,
        defaultHidden: true,
        render: (c) => (c.preferredAdvisorId === null ? '—' : (advisorNames.get(c.preferredAdvisorId) ?? '—')),
      },
      {
        key: 'consent',
        title: t('consent'),
        width: 200,
        defaultHidden: true,
        render: (c) => <ConsentIcons consent={c.consent} />,
        exportValue: (c) =>
          [c.consent.phone, c.consent.sms, c.consent.wechat]
            .map((v, i) => `${[t('consentPhone'), t('consentSms'), t('consentWechat')][i]}:${v === null ? t('consentUnknown') : v ? t('consentYes') : t('consentNo')}`)
            .join(' '),
      },
      { key: 'address', title: t('address'), width: 240, ellipsis: true, defaultHidden: true, render: (c) => c.address || '—' },
      {
        key: 'completeness',
        title: t('completeness'),
        sortField: 'completeness',
        width: 130,
        render: (c) => <CompletenessBar score={c.completeness} />,
        exportValue: (c) => c.completeness,
      },
      {
        key: 'missing',
        title: t('missing'),
        width: 220,
        render: (c) => <MissingTags missing={c.missing} max={3} />,
        exportValue: (c) => c.missing.length,
        defaultHidden: true,
      },
      { key: 'createdAt', title: t('createdAt'), sortField: 'createdAt', width: 110, render: (c) => formatDate(c.createdAt, me.store.timeZone) },
      { key: 'updatedAt', title: t('updatedAt'), sortField: 'updatedAt', width: 110, defaultHidden: true, render: (c) => formatDate(c.updatedAt, me.store.timeZone) },
    ],
    [t, label, advisorNames, me.store.timeZone],
  );

  const filters = useMemo<ListFilter[]>(() => {
    const list: ListFilter[] = [
      { kind: 'select', name: 'kind', label: t('kind'), options: kindOptions, width: 150 },
      { kind: 'select', name: 'source', label: t('source'), options: sourceOptions, width: 170 },
      outlets.length
        ? { kind: 'select', name: 'outletName', label: t('outletName'), options: outlets, width: 170 }
        : { kind: 'text', name: 'outletName', label: t('outletName'), width: 170 },
      { kind: 'text', name: 'tag', label: t('tag'), width: 150 },
      {
        kind: 'select',
        name: 'completenessBelow',
        label: t('completenessFilter'),
        width: 170,
        options: [
          { value: '80', label: t('below80') },
          { value: '50', label: t('below50') },
          { value: '100', label: t('below100') },
        ],
      },
    ];
    if (advisorNames.size) {
      list.push({ kind: 'select', name: 'advisorId', label: t('advisor'), width: 160, options: [...advisorNames].map(([id, name]) => ({ value: String(id), label: name })) });
    }
    list.push({ kind: 'select', name: 'includeMerged', label: t('includeMerged'), width: 150, options: [{ value: 'true', label: t('showMerged') }] });
    return list;
  }, [t, kindOptions, sourceOptions, outlets, advisorNames]);

  const createButton = canWrite ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={drawer.openNew}>
      {t('create')}
    </Button>
  ) : null;

  return (
    <>
      <ListPage<Customer>
        title={t('title')}
        description={t('description')}
        listKey="customers"
        queryKey={customersApi.key}
        fetch={customersApi.list}
        columns={columns}
        rowKey={(c) => c.id}
        search={{ placeholder: t('search') }}
        filters={filters}
        actions={createButton}
        onOpen={(c) => navigate(`/customers/${c.id}`)}
        rowClassName={(c) => (c.mergedIntoId ? 'row-inactive' : '')}
        empty={{ title: t('empty'), hint: canWrite ? t('emptyHint') : t('emptyHintReadOnly'), action: createButton }}
        exportName={t('exportName')}
        exportAllowed={can('customer:export')}
        serverExport={async (params) => {
          await customersApi.exportXlsx(params);
          message.success(t('exportStarted'));
        }}
      />
      <CustomerDrawer target={drawer.target} onClose={drawer.close} onSaved={(c) => (drawer.target === 'new' ? setCreated(c.id) : undefined)} />
    </>
  );
}
