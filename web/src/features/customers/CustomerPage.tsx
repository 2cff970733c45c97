import { EditOutlined, EyeOutlined, MergeCellsOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { CUSTOMER_KIND_LABELS, MASKED_PHONE_PATTERN, type RevealedPhones } from '#contracts/customers';
import type { CustomerDetail } from '#contracts/customers-vehicles';
import { useCan, useMe } from '../../app/auth';
import { ErrorState } from '../../components/states';
import { isApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useLabel, useT } from '../../lib/i18n';
import { customersApi } from './api';
import { CustomerDrawer } from './CustomerDrawer';
import { CompletenessBar, ConsentIcons, DueDate, MissingTags, sourceText, useStoreToday } from './display';
import { CustomerMergeModal } from './MergeModal';
import { Timeline } from './Timeline';
import { CUSTOMER_TEXT, MERGE_TEXT } from './text';
import { VehicleDrawer } from './VehicleDrawer';
import './customers.css';

/** 客户档案 of one customer: details, vehicles (as owner and as driver), audited phone reveal, merge and timeline. */
export default function CustomerPage() {
  const { id: raw } = useParams();
  const id = raw && /^\d+$/.test(raw) ? Number(raw) : null;
  const t = useT(CUSTOMER_TEXT);
  const tm = useT(MERGE_TEXT);
  const label = useLabel();
  const can = useCan();
  const me = useMe();
  const navigate = useNavigate();
  const today = useStoreToday();
  const { modal, message } = App.useApp();
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [addingVehicle, setAddingVehicle] = useState(false);
  const [merging, setMerging] = useState(false);
  const [revealed, setRevealed] = useState<RevealedPhones | null>(null);
  const query = useQuery({ queryKey: [customersApi.key, 'record', id], queryFn: () => customersApi.get(id!), enabled: id !== null });

  if (id === null || (query.isError && isApiError(query.error) && query.error.status === 404)) {
    return (
      <Result
        status="404"
        title={t('notFound')}
        subTitle={t('notFoundHint')}
        extra={
          <Button type="primary" onClick={() => navigate('/customers')}>
            {t('backToList')}
          </Button>
        }
      />
    );
  }
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  const c: CustomerDetail = query.data;
  const shownRevealed = revealed?.id === c.id ? revealed : null;

  const reveal = () => {
    modal.confirm({
      title: t('revealTitle'),
      content: t('revealContent'),
      okText: t('revealOk'),
      cancelText: t('cancel'),
      onOk: async () => {
        try {
          setRevealed(await customersApi.revealPhones(c.id));
          message.success(t('revealed'));
        } catch (err) {
          message.error(err instanceof Error ? err.message : String(err));
        }
      },
    });
  };

  const mobile = shownRevealed ? shownRevealed.mobile : c.mobile;
  const otherPhones = shownRevealed ? shownRevealed.otherPhones : c.otherPhones;
  // Only numbers shown masked need revealing (a role that may reveal may be sent them masked).
  const canReveal = can('customer:reveal_phone') && [c.mobile, ...c.otherPhones].some((p) => p !== null && MASKED_PHONE_PATTERN.test(p));

  return (
    <>
      <div className="file-head">
        <div style={{ minWidth: 0 }}>
          <h1>
            <span data-testid="customer-name">{c.name}</span>
            <Tag color={c.kind === 'company' ? 'blue' : 'default'} style={{ fontWeight: 400 }}>
              {label(CUSTOMER_KIND_LABELS, c.kind)}
            </Tag>
            {c.mergedIntoId ? <Tag>{t('merged')}</Tag> : null}
          </h1>
          <div className="file-sub">
            {t('createdAt')} {formatDate(c.createdAt, me.store.timeZone)} · {sourceText(label, c.source, c.outletName, t('sourceUnknown'))}
          </div>
        </div>
        <div className="file-actions">
          {can('customer:write') && !c.mergedIntoId ? (
            <>
              <Button icon={<PlusOutlined />} onClick={() => setAddingVehicle(true)}>
                {t('addVehicle')}
              </Button>
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('edit')}
              </Button>
            </>
          ) : null}
          {can('customer:merge') && !c.mergedIntoId ? (
            <Button icon={<MergeCellsOutlined />} onClick={() => setMerging(true)}>
              {tm('mergeCustomer')}
            </Button>
          ) : null}
        </div>
      </div>

      {c.mergedIntoId ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('mergedInto')}
          action={
            <Button size="small" onClick={() => navigate(`/customers/${c.mergedIntoId}`)}>
              {t('openSurvivor')}
            </Button>
          }
        />
      ) : null}

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card variant="borderless" title={t('details')} extra={<CompletenessBar score={c.completeness} />}>
            <Descriptions
              size="small"
              column={1}
              styles={{ label: { width: 96 } }}
              items={[
                {
                  key: 'mobile',
                  label: t('mobile'),
                  children: (
                    <Space size={8} wrap>
                      <span data-testid="customer-mobile">{mobile ?? '—'}</span>
                      {canReveal && !shownRevealed ? (
                        <Tooltip title={t('revealContent')}>
                          <Button size="small" type="link" icon={<EyeOutlined />} onClick={reveal} style={{ padding: 0 }}>
                            {t('reveal')}
                          </Button>
                        </Tooltip>
                      ) : null}
                    </Space>
                  ),
                },
                { key: 'otherPhones', label: t('otherPhones'), children: otherPhones.length ? otherPhones.join('、') : '—' },
                { key: 'address', label: t('address'), children: c.address || '—' },
                { key: 'source', label: t('source'), children: sourceText(label, c.source, c.outletName, t('sourceUnknown')) },
                { key: 'consent', label: t('consent'), children: <ConsentIcons consent={c.consent} /> },
                { key: 'advisor', label: t('advisor'), children: c.preferredAdvisorName ?? '—' },
                {
                  key: 'tags',
                  label: t('tags'),
                  children: c.tags.length ? (
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
                },
                { key: 'notes', label: t('notes'), children: c.notes ? <span style={{ whiteSpace: 'pre-wrap' }}>{c.notes}</span> : '—' },
                { key: 'missing', label: t('missing'), children: <MissingTags missing={c.missing} max={10} /> },
                { key: 'updatedAt', label: t('updatedAt'), children: formatDate(c.updatedAt, me.store.timeZone) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card variant="borderless" title={`${t('vehicles')}（${c.vehicles.length}）`}>
              <Table
                size="small"
                className="clickable-rows"
                rowKey="id"
                pagination={false}
                dataSource={c.vehicles}
                scroll={{ x: 'max-content' }}
                locale={{
                  emptyText: (
                    <div style={{ padding: 12, color: 'rgba(0,0,0,0.45)' }}>
                      <div>{t('noVehicles')}</div>
                      {can('customer:write') ? <div className="form-hint">{t('noVehiclesHint')}</div> : null}
                    </div>
                  ),
                }}
                onRow={(v) => ({
                  onClick: () => navigate(`/vehicles/${v.id}`),
                  onKeyDown: (e) => {
                    if (e.key === 'Enter') navigate(`/vehicles/${v.id}`);
                  },
                  tabIndex: 0,
                })}
                columns={[
                  {
                    key: 'plate',
                    title: t('plate'),
                    width: 120,
                    render: (_, v) => <Link to={`/vehicles/${v.id}`}>{v.plateDisplay ?? '—'}</Link>,
                  },
                  {
                    key: 'model',
                    title: t('model'),
                    render: (_, v) => (
                      <div>
                        <div>{v.modelName ?? '—'}</div>
                        {v.vin ? <div className="form-hint" style={{ fontFamily: 'monospace' }}>VIN {v.vin}</div> : null}
                      </div>
                    ),
                  },
                  {
                    key: 'role',
                    title: t('role'),
                    width: 80,
                    render: (_, v) => (v.role === 'owner' ? <Tag color="blue">{t('roleOwner')}</Tag> : <Tag color="purple">{t('roleDriver')}</Tag>),
                  },
                  { key: 'due', title: t('nextDue'), width: 170, render: (_, v) => <DueDate date={v.nextDueDate} today={today} /> },
                ]}
              />
            </Card>
            <Card variant="borderless" title={t('timeline')}>
              <Timeline queryKey={[customersApi.key, 'record', c.id]} fetch={(q, signal) => customersApi.timeline(c.id, q, signal)} />
            </Card>
          </Space>
        </Col>
      </Row>

      {editing ? (
        <CustomerDrawer
          target={c.id}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setRevealed(null);
            void client.invalidateQueries({ queryKey: [customersApi.key, 'record', c.id] });
          }}
        />
      ) : null}
      {addingVehicle ? (
        <VehicleDrawer
          target="new"
          defaults={{ ownerId: c.id, owner: { id: c.id, kind: c.kind, name: c.name, mobile: c.mobile } }}
          onClose={() => setAddingVehicle(false)}
        />
      ) : null}
      {merging ? <CustomerMergeModal current={c} open={merging} onClose={() => setMerging(false)} /> : null}
    </>
  );
}
