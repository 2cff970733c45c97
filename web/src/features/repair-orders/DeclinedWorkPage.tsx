import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Tag } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import type { AdditionalWork } from '#contracts/repair-orders';
import { useCan, useMe } from '../../app/auth';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { DECLINED_KEY, roApi } from './api';
import { Plate, plateText } from './display';
import { RO_TEXT } from './text';
import './ro.css';

/**
 * 拒修项目: work the customer declined (SPEC §5), kept for a later call or the next visit; safety
 * items first in mind. 已跟进 records that someone followed it up.
 */
export default function DeclinedWorkPage() {
  const t = useT(RO_TEXT);
  const can = useCan();
  const tz = useMe().store.timeZone;
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message, modal } = App.useApp();
  const followUp = useMutation({
    mutationFn: (id: number) => roApi.followUp(id),
    onSuccess: () => {
      message.success(t('followedUpDone'));
      void client.invalidateQueries({ queryKey: [DECLINED_KEY] });
    },
    onError: (err) => message.error(err instanceof Error ? err.message : String(err)),
  });
  const columns = useMemo<ListColumn<AdditionalWork>[]>(
    () => [
      { key: 'raisedAt', title: t('raisedAt'), sortField: 'raisedAt', width: 110, render: (w) => formatDate(w.raisedAt, tz) },
      { key: 'plate', title: t('plate'), width: 110, render: (w) => <Plate plate={w.plate} />, exportValue: (w) => plateText(w.plate) },
      { key: 'roNumber', title: t('roNumber'), width: 150 },
      {
        key: 'description',
        title: t('workDescription'),
        width: 280,
        ellipsis: true,
        render: (w) => (
          <span>
            {w.safety ? <Tag color="red">{t('safety')}</Tag> : null}
            {w.description}
          </span>
        ),
        exportValue: (w) => `${w.safety ? `【${t('safety')}】` : ''}${w.description}`,
      },
      { key: 'amountFen', title: t('amount'), sortField: 'amountFen', width: 110, align: 'right', render: (w) => formatMoney(w.amountFen), exportValue: (w) => w.amountFen / 100 },
      { key: 'decidedBy', title: t('decidedBy'), width: 100, render: (w) => w.decidedBy || '—' },
      { key: 'decidedAt', title: t('decidedAt'), width: 140, render: (w) => (w.decidedAt ? formatDateTime(w.decidedAt, tz) : '—') },
      { key: 'note', title: t('note'), width: 160, ellipsis: true, defaultHidden: true, render: (w) => w.note || '—' },
      {
        key: 'followedUpAt',
        title: t('followedUp'),
        width: 130,
        render: (w) =>
          w.followedUpAt ? (
            formatDate(w.followedUpAt, tz)
          ) : can('repair_order:write') ? (
            <Button
              size="small"
              onClick={(e) => {
                e.stopPropagation();
                modal.confirm({
                  title: t('followUpConfirm', { description: w.description }),
                  okText: t('followUp'),
                  cancelText: t('cancel'),
                  onOk: () => followUp.mutateAsync(w.id),
                });
              }}
            >
              {t('followUp')}
            </Button>
          ) : (
            t('notFollowedUp')
          ),
        exportValue: (w) => (w.followedUpAt ? formatDate(w.followedUpAt, tz) : t('notFollowedUp')),
      },
    ],
    [t, tz, can, modal, followUp],
  );
  const filters = useMemo<ListFilter[]>(
    () => [
      {
        kind: 'select',
        name: 'open',
        label: t('followUpFilter'),
        width: 130,
        options: [
          { value: 'true', label: t('notFollowedUp') },
          { value: 'false', label: t('followedUpShort') },
        ],
      },
      { kind: 'dateRange', from: 'from', to: 'to', label: t('raisedAt') },
    ],
    [t],
  );
  return (
    <ListPage<AdditionalWork>
      title={t('declinedWork')}
      description={t('declinedWorkHint')}
      listKey="declined-work"
      queryKey={DECLINED_KEY}
      fetch={roApi.declined}
      columns={columns}
      filters={filters}
      rowKey={(w) => w.id}
      search={{ placeholder: t('declinedSearch') }}
      onOpen={(w) => navigate(`/repair-orders/${w.roId}`)}
      exportName={t('declinedWork')}
      empty={{ title: t('noDeclined'), hint: t('noDeclinedHint') }}
    />
  );
}
