import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ButtonProps } from 'antd';
import { App, Button, Input, Modal, Space, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { DISCOUNT_REQUEST_STATUS_LABELS, type DiscountRequest } from '#contracts/repair-orders';
import { useMe } from '../../app/auth';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import { formatDateTime, formatMoney, formatPercent } from '../../lib/format';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { DISCOUNT_KEY, invalidateRoLists, roApi } from './api';
import { Plate, plateText } from './display';
import { RO_TEXT } from './text';
import './ro.css';

const STATUS_COLOURS: Record<DiscountRequest['status'], string> = { pending: 'orange', approved: 'green', rejected: 'red', used: 'default' };

/** 折扣审批: discounts beyond an advisor's limit wait here for the manager, approved or rejected with a note (SPEC §7). */
export default function DiscountApprovalsPage() {
  const t = useT(RO_TEXT);
  const label = useLabel();
  const tz = useMe().store.timeZone;
  const client = useQueryClient();
  const { message } = App.useApp();
  const statusOptions = useOptions(DISCOUNT_REQUEST_STATUS_LABELS);
  const [deciding, setDeciding] = useState<{ request: DiscountRequest; approve: boolean } | null>(null);
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: (v: { id: number; approve: boolean; note: string }) => roApi.decideDiscount(v.id, v.approve, v.note),
    onSuccess: (r) => {
      message.success(r.status === 'approved' ? t('discountApproved') : t('discountRejected'));
      invalidateRoLists(client);
      void client.invalidateQueries({ queryKey: ['repair-orders', 'record', r.roId] });
      setDeciding(null);
    },
    onError: (err) => message.error(err instanceof Error ? err.message : String(err)),
  });

  const columns = useMemo<ListColumn<DiscountRequest>[]>(
    () => [
      { key: 'requestedAt', title: t('requestedAt'), sortField: 'requestedAt', width: 140, render: (r) => formatDateTime(r.requestedAt, tz) },
      { key: 'roNumber', title: t('roNumber'), width: 150, render: (r) => <Link to={`/repair-orders/${r.roId}`}>{r.roNumber}</Link>, exportValue: (r) => r.roNumber },
      { key: 'plate', title: t('plate'), width: 110, render: (r) => <Plate plate={r.plate} />, exportValue: (r) => plateText(r.plate) },
      { key: 'labour', title: t('labourDiscount'), width: 110, align: 'right', render: (r) => formatMoney(r.labourDiscountFen), exportValue: (r) => r.labourDiscountFen / 100 },
      { key: 'parts', title: t('partsDiscount'), width: 110, align: 'right', render: (r) => formatMoney(r.partsDiscountFen), exportValue: (r) => r.partsDiscountFen / 100 },
      { key: 'share', title: t('shareOfLabour'), width: 100, align: 'right', render: (r) => formatPercent(r.percentOfLabourBp / 100) },
      { key: 'reason', title: t('reason'), width: 200, ellipsis: true },
      { key: 'requestedBy', title: t('requestedBy'), width: 90, render: (r) => r.requestedByName },
      {
        key: 'status',
        title: t('state'),
        width: 90,
        render: (r) => <Tag color={STATUS_COLOURS[r.status]}>{label(DISCOUNT_REQUEST_STATUS_LABELS, r.status)}</Tag>,
        exportValue: (r) => label(DISCOUNT_REQUEST_STATUS_LABELS, r.status),
      },
      {
        key: 'decided',
        title: t('decidedBy'),
        width: 160,
        render: (r) =>
          r.status === 'pending' ? (
            <Space size={4}>
              <Button size="small" type="primary" onClick={() => (setNote(''), setDeciding({ request: r, approve: true }))} data-testid="approve-discount">
                {t('approveDiscount')}
              </Button>
              <Button size="small" danger onClick={() => (setNote(''), setDeciding({ request: r, approve: false }))}>
                {t('rejectDiscount')}
              </Button>
            </Space>
          ) : (
            `${r.decidedByName}${r.note ? `：${r.note}` : ''}`
          ),
        exportValue: (r) => `${r.decidedByName}${r.note ? `：${r.note}` : ''}`,
      },
    ],
    [t, tz, label],
  );
  const filters = useMemo<ListFilter[]>(() => [{ kind: 'select', name: 'status', label: t('state'), width: 120, options: statusOptions }], [t, statusOptions]);
  const d = deciding;
  return (
    <>
      <ListPage<DiscountRequest>
        title={t('discountApprovals')}
        description={t('discountApprovalsHint')}
        listKey="discount-requests"
        queryKey={DISCOUNT_KEY}
        fetch={roApi.discountRequests}
        columns={columns}
        filters={filters}
        rowKey={(r) => r.id}
        search={false}
        exportName={t('discountApprovals')}
        empty={{ title: t('noRequests'), hint: t('noRequestsHint') }}
      />
      <Modal
        open={d !== null}
        title={d ? (d.approve ? t('approveTitle', { number: d.request.roNumber }) : t('rejectTitle', { number: d.request.roNumber })) : ''}
        okText={d?.approve ? t('approveDiscount') : t('rejectDiscount')}
        okButtonProps={{ danger: d ? !d.approve : false, loading: decide.isPending, 'data-testid': 'discount-decision-ok' } as ButtonProps}
        cancelText={t('cancel')}
        onCancel={() => setDeciding(null)}
        onOk={() => d && decide.mutate({ id: d.request.id, approve: d.approve, note: note.trim() })}
        destroyOnHidden
      >
        {d ? (
          <p>
            {t('requestSummary', { labour: formatMoney(d.request.labourDiscountFen), parts: formatMoney(d.request.partsDiscountFen), share: (d.request.percentOfLabourBp / 100).toFixed(1) })}
            <br />
            {t('reason')}：{d.request.reason}（{d.request.requestedByName}）
          </p>
        ) : null}
        <Input
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={300}
          placeholder={t('decisionNotePlaceholder')}
          onPressEnter={() => d && decide.mutate({ id: d.request.id, approve: d.approve, note: note.trim() })}
          autoFocus
        />
      </Modal>
    </>
  );
}
