import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Space, Tag } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import {
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_CHANNEL_LABELS,
  COMPLAINT_DEPARTMENT_LABELS,
  COMPLAINT_SEVERITY_LABELS,
  COMPLAINT_STATE_LABELS,
  HANDLING_SATISFACTION_LABELS,
  type Complaint,
} from '#contracts/complaints';
import { useCan, useMe } from '../../app/auth';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { complaintsApi } from './api';
import { COMPLAINT_TEXT } from './text';
import './complaints.css';

const STATE_COLORS: Record<Complaint['state'], string> = {
  registered: 'orange',
  acknowledged: 'gold',
  investigating: 'blue',
  solution_proposed: 'geekblue',
  accepted: 'cyan',
  closed: 'default',
};

/** 投诉列表: filters by state, category, department and lateness; Excel export by the server. */
export default function ComplaintsPage() {
  const t = useT(COMPLAINT_TEXT);
  const label = useLabel();
  const can = useCan();
  const tz = useMe().store.timeZone;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const stateOptions = useOptions(COMPLAINT_STATE_LABELS);
  const categoryOptions = useOptions(COMPLAINT_CATEGORY_LABELS);
  const departmentOptions = useOptions(COMPLAINT_DEPARTMENT_LABELS);

  const columns = useMemo<ListColumn<Complaint>[]>(
    () => [
      { key: 'number', title: t('number'), sortField: 'number', width: 150 },
      { key: 'createdAt', title: t('createdAt'), sortField: 'createdAt', width: 135, render: (c) => formatDateTime(c.createdAt, tz) },
      { key: 'customerName', title: t('customer'), width: 90 },
      { key: 'plate', title: t('plate'), width: 100, render: (c) => c.plate ?? '—' },
      { key: 'channel', title: t('channel'), width: 90, render: (c) => label(COMPLAINT_CHANNEL_LABELS, c.channel) },
      { key: 'category', title: t('category'), width: 90, render: (c) => label(COMPLAINT_CATEGORY_LABELS, c.category) },
      { key: 'department', title: t('department'), width: 90, render: (c) => label(COMPLAINT_DEPARTMENT_LABELS, c.department) },
      { key: 'severity', title: t('severity'), width: 80, render: (c) => <Tag color={c.severity === 'critical' ? 'red' : c.severity === 'major' ? 'orange' : 'default'}>{label(COMPLAINT_SEVERITY_LABELS, c.severity)}</Tag>, exportValue: (c) => label(COMPLAINT_SEVERITY_LABELS, c.severity) },
      {
        key: 'state',
        title: t('state'),
        width: 150,
        render: (c) => (
          <Space size={4}>
            <Tag color={STATE_COLORS[c.state]}>{label(COMPLAINT_STATE_LABELS, c.state)}</Tag>
            {c.overdue ? <Tag color="red">{t('overdue')}</Tag> : null}
          </Space>
        ),
        exportValue: (c) => `${label(COMPLAINT_STATE_LABELS, c.state)}${c.overdue ? ` / ${t('overdue')}` : ''}`,
      },
      { key: 'description', title: t('description'), width: 260, ellipsis: true },
      { key: 'ownerName', title: t('owner'), width: 90, render: (c) => c.ownerName || '—' },
      { key: 'resolveDueAt', title: t('resolveDue'), sortField: 'resolveDueAt', width: 135, render: (c) => formatDateTime(c.resolveDueAt, tz) },
      { key: 'remedyCostFen', title: t('remedyCost'), width: 100, align: 'right', render: (c) => (c.remedyCostFen ? formatMoney(c.remedyCostFen) : '—') },
      { key: 'satisfaction', title: t('satisfaction'), width: 100, render: (c) => label(HANDLING_SATISFACTION_LABELS, c.satisfaction), defaultHidden: true },
    ],
    [t, label, tz],
  );
  const filters = useMemo<ListFilter[]>(
    () => [
      { kind: 'select', name: 'state', label: t('state'), options: stateOptions, width: 130 },
      { kind: 'select', name: 'category', label: t('category'), options: categoryOptions, width: 120 },
      { kind: 'select', name: 'department', label: t('department'), options: departmentOptions, width: 120 },
      { kind: 'select', name: 'overdue', label: t('overdueOnly'), options: [{ value: 'true', label: t('yes') }, { value: 'false', label: t('no') }], width: 100 },
      { kind: 'dateRange', from: 'from', to: 'to', label: t('period') },
    ],
    [t, stateOptions, categoryOptions, departmentOptions],
  );

  return (
    <ListPage<Complaint>
      title={t('listTitle')}
      description={t('listDescription')}
      listKey="complaints"
      queryKey={complaintsApi.key}
      fetch={complaintsApi.list}
      columns={columns}
      rowKey={(c) => c.id}
      search={{ placeholder: t('searchPlaceholder') }}
      filters={filters}
      onOpen={(c) => navigate(`/complaints/${c.id}`)}
      rowClassName={(c) => (c.overdue ? 'complaint-overdue' : '')}
      actions={
        <>
          <Button icon={<BarChartOutlined />} onClick={() => navigate('/complaints/weekly')}>
            {t('weeklyTitle')}
          </Button>
          {can('complaint:register') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/complaints/new')}>
              {t('register')}
            </Button>
          ) : null}
        </>
      }
      empty={{ title: t('emptyList'), hint: t('emptyHint') }}
      exportName={t('listTitle')}
      serverExport={async (params) => {
        const name = await complaintsApi.exportXlsx(params);
        message.success(name);
      }}
    />
  );
}
