import {
  AuditOutlined,
  CarOutlined,
  ClockCircleOutlined,
  DashboardOutlined,
  ExclamationCircleOutlined,
  FileAddOutlined,
  ImportOutlined,
  MergeCellsOutlined,
  MessageOutlined,
  PhoneOutlined,
  SmileOutlined,
  SwapOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Pagination, Select, Skeleton, Tag } from 'antd';
import { useState, type ComponentType } from 'react';
import type { Page } from '#contracts/common';
import { TIMELINE_KIND_LABELS, type TimelineEvent } from '#contracts/customers-vehicles';
import { useMe } from '../../app/auth';
import { EmptyState, ErrorState } from '../../components/states';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useLang, useT } from '../../lib/i18n';
import type { QueryParams } from '../../lib/api';
import { TIMELINE_TEXT } from './text';
import './customers.css';

const KIND_LOOK: Record<string, { icon: ComponentType; color: string }> = {
  file_created: { icon: FileAddOutlined, color: '#1f6feb' },
  vehicle_created: { icon: CarOutlined, color: '#1f6feb' },
  visit: { icon: DashboardOutlined, color: '#13a8a8' },
  owner_changed: { icon: SwapOutlined, color: '#722ed1' },
  merged: { icon: MergeCellsOutlined, color: '#722ed1' },
  imported: { icon: ImportOutlined, color: '#1f6feb' },
  repair_order: { icon: ToolOutlined, color: '#fa8c16' },
  call: { icon: PhoneOutlined, color: '#52c41a' },
  message: { icon: MessageOutlined, color: '#52c41a' },
  complaint: { icon: ExclamationCircleOutlined, color: '#ff4d4f' },
  survey: { icon: SmileOutlined, color: '#2f54eb' },
  audit: { icon: AuditOutlined, color: '#8c8c8c' },
};
const FALLBACK_LOOK = { icon: ClockCircleOutlined, color: '#8c8c8c' };

const PAGE_SIZE = 10;

/**
 * Every event of a vehicle (or a customer) newest first, paged, one icon per kind: visits, repair
 * orders, calls, messages, complaints, surveys… (later modules add kinds through the same API).
 */
export function Timeline({ queryKey, fetch }: { queryKey: readonly unknown[]; fetch: (query: QueryParams, signal?: AbortSignal) => Promise<Page<TimelineEvent>> }) {
  const t = useT(TIMELINE_TEXT);
  const { lang } = useLang();
  const me = useMe();
  const [page, setPage] = useState(1);
  const [kind, setKind] = useState<string | undefined>(undefined);
  const query = useQuery({
    queryKey: [...queryKey, 'timeline', { page, kind }],
    queryFn: ({ signal }) => fetch({ page, pageSize: PAGE_SIZE, kind }, signal),
    placeholderData: keepPreviousData,
  });

  const kindOptions = Object.entries(TIMELINE_KIND_LABELS).map(([value, label]) => ({ value, label: label[lang] }));

  const titleOf = (e: TimelineEvent): string => {
    // Titles are written by the server in Chinese; a visit is rebuilt from its data in English.
    if (lang === 'en' && e.kind === 'visit' && typeof e.data.km === 'number') {
      return t(e.data.service ? 'serviceTitle' : 'visitTitle', { km: formatNumber(e.data.km) });
    }
    return e.title;
  };

  return (
    <div data-testid="timeline">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, marginBottom: 12 }}>
        <Select
          size="small"
          allowClear
          value={kind ?? null}
          placeholder={t('all')}
          options={kindOptions}
          onChange={(v: string | null) => {
            setKind(v ?? undefined);
            setPage(1);
          }}
          style={{ width: 160 }}
          aria-label={t('all')}
        />
        {query.data ? <span className="form-hint">{t('total', { total: query.data.total })}</span> : null}
      </div>
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyState title={t('empty')} hint={t('emptyHint')} />
      ) : (
        <>
          <ol className="tl" style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}>
            {query.data.items.map((e) => {
              const look = KIND_LOOK[e.kind] ?? FALLBACK_LOOK;
              const Icon = look.icon;
              const kindLabel = TIMELINE_KIND_LABELS[e.kind]?.[lang] ?? t('other');
              return (
                <li key={e.id} className="tl-item" data-kind={e.kind}>
                  <span className="tl-icon" style={{ color: look.color, borderColor: look.color }}>
                    <Icon />
                  </span>
                  <div className="tl-body">
                    <div className="tl-head">
                      <span className="tl-title">{titleOf(e)}</span>
                      <Tag color={look.color} style={{ marginInlineEnd: 0 }}>
                        {kindLabel}
                      </Tag>
                    </div>
                    <div className="tl-meta">
                      {formatDateTime(e.at, me.store.timeZone)}
                      {e.actorName ? ` · ${t('by', { name: e.actorName })}` : ''}
                    </div>
                  </div>
                </li>
              );
            })}
          </ol>
          {query.data.total > PAGE_SIZE ? (
            <div style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 8 }}>
              <Pagination size="small" current={page} pageSize={PAGE_SIZE} total={query.data.total} showSizeChanger={false} onChange={setPage} />
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
