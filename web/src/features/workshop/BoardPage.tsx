import { Button } from 'antd';
import { FullscreenOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { RO_STATE_LABELS } from '#contracts/repair-orders';
import type { BoardRow } from '#contracts/workshop';
import { useMe } from '../../app/auth';
import { ErrorState } from '../../components/states';
import { formatTime } from '../../lib/format';
import { useLabel, useT } from '../../lib/i18n';
import { plateText } from '../repair-orders/display';
import { WORKSHOP_KEY, workshopApi } from './api';
import { useBoardEvents } from './useBoardEvents';
import { WS_TEXT } from './text';
import './workshop.css';

/** Two names and how many more: a row stays one line on the TV. */
const short = (names: string[]) => (names.length === 0 ? '—' : names.length <= 2 ? names.join('、') : `${names.slice(0, 2).join('、')} +${names.length - 2}`);

/** A safety re-fetch even when no event arrives (a proxy that swallowed one, a sleeping TV). */
const SAFETY_REFETCH_MS = 30_000;

/**
 * 控工看板 (SPEC §6): every open RO, seen from five metres. Re-fetches on every live event, after a
 * reconnect and every 30 s; the time left ticks every 30 s without a request.
 */
export default function BoardPage() {
  const t = useT(WS_TEXT);
  const label = useLabel();
  const tz = useMe().store.timeZone;
  const query = useQuery({ queryKey: [WORKSHOP_KEY, 'board'], queryFn: ({ signal }) => workshopApi.board(signal), refetchInterval: SAFETY_REFETCH_MS, refetchIntervalInBackground: true });
  const refetch = query.refetch;
  const { connected } = useBoardEvents(useCallback(() => void refetch(), [refetch]));
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  const root = useRef<HTMLDivElement>(null);

  if (query.error && !query.data) return <ErrorState error={query.error} onRetry={() => void refetch()} />;
  const rows = query.data?.rows ?? [];
  const fetchedAt = query.data ? Date.parse(query.data.now) : now;
  /** Minutes left as of now: the server's figure moved on by the time since it was fetched. */
  const left = (r: BoardRow) => (r.minutesLeft === null ? null : r.minutesLeft - Math.floor((now - fetchedAt) / 60_000));
  const lateCount = rows.filter((r) => r.late || (left(r) ?? 1) < 0).length;
  const riskCount = rows.filter((r) => r.atRisk).length;

  const leftText = (m: number | null) => {
    if (m === null) return '—';
    const abs = Math.abs(m);
    const text = abs >= 60 ? t('hoursMinutes', { h: Math.floor(abs / 60), m: abs % 60 }) : t('minutes', { m: abs });
    return m < 0 ? t('overBy', { t: text }) : text;
  };

  return (
    <div ref={root} className="ws-board is-embedded" data-testid="workshop-board">
      <div className="ws-board-head">
        <div className="ws-board-title">{t('boardTitle')}</div>
        <div className="ws-board-stats">
          <span>{t('carsInStore', { n: rows.length })}</span>
          <span style={{ color: '#fca5a5' }}>{t('lateCount', { n: lateCount })}</span>
          <span style={{ color: '#fde047' }}>{t('riskCount', { n: riskCount })}</span>
        </div>
        <div style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
          <span style={{ fontSize: 18 }} aria-live="polite">
            <span className={`ws-dot${connected ? '' : ' is-off'}`} />
            {connected ? t('live') : t('reconnecting')}
          </span>
          <span className="ws-board-clock">{formatTime(now, tz)}</span>
          <Button ghost icon={<FullscreenOutlined />} onClick={() => void root.current?.requestFullscreen?.()}>
            {t('fullScreen')}
          </Button>
        </div>
      </div>
      {rows.length === 0 && query.data ? (
        <div className="ws-board-empty">{t('noOpenRos')}</div>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('plate')}</th>
              <th>{t('model')}</th>
              <th>{t('state')}</th>
              <th>{t('bay')}</th>
              <th>{t('technician')}</th>
              <th>{t('advisor')}</th>
              <th>{t('promisedAt')}</th>
              <th>{t('timeLeft')}</th>
              <th>{t('progress')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const m = left(r);
              const late = r.late || (m !== null && m < 0 && r.state !== 'ready');
              return (
                <tr key={r.roId} className={late ? 'is-late' : r.atRisk ? 'is-risk' : ''} data-ro={r.number}>
                  <td className="ws-plate">{plateText(r.plate) || r.number}</td>
                  <td className="ws-model" title={r.modelName}>{r.modelName || '—'}</td>
                  <td>
                    {label(RO_STATE_LABELS, r.state)}
                    <div>
                      {r.waitingParts ? <span className="ws-flag parts">{t('waitingParts')}</span> : null}
                      {r.waitingApproval ? <span className="ws-flag approval">{t('waitingApproval')}</span> : null}
                      {r.pendingAdditionalWork ? <span className="ws-flag approval">{t('pendingWork', { n: r.pendingAdditionalWork })}</span> : null}
                    </div>
                  </td>
                  <td title={r.bays.join('、')}>{short(r.bays)}</td>
                  <td title={r.technicians.join('、')}>{short(r.technicians)}</td>
                  <td>{r.advisorName || '—'}</td>
                  <td>{r.promisedAt ? formatTime(r.promisedAt, tz) : '—'}</td>
                  <td className={`ws-left${late ? ' is-late' : r.atRisk ? ' is-risk' : ''}`}>
                    {late ? <span className="ws-flag late">{t('late')}</span> : r.atRisk ? <span className="ws-flag risk">{t('atRisk')}</span> : null}
                    {leftText(m)}
                  </td>
                  <td>{r.jobsTotal ? `${r.jobsDone}/${r.jobsTotal}` : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
