import { App, Tag } from 'antd';
import { useCallback } from 'react';
import { RO_STATE_LABELS, type RoState } from '#contracts/repair-orders';
import { isApiError } from '../../lib/api';
import { formatPlate } from '../../lib/format';
import { useLabel, useT } from '../../lib/i18n';
import { RO_TEXT } from './text';

const STATE_COLOURS: Record<RoState, string> = {
  draft: 'default',
  open: 'blue',
  dispatched: 'cyan',
  in_progress: 'processing',
  paused: 'orange',
  qc: 'purple',
  rework: 'red',
  washing: 'geekblue',
  ready: 'gold',
  settled: 'green',
  delivered: 'success',
  cancelled: 'default',
};

export function StateTag({ state }: { state: RoState }) {
  const label = useLabel();
  return (
    <Tag color={STATE_COLOURS[state]} data-testid="ro-state" style={{ marginInlineEnd: 0 }}>
      {label(RO_STATE_LABELS, state)}
    </Tag>
  );
}

/** A plate as shown (川A·12345), whether the answer carried it stored (川A12345) or shown. */
export function plateText(plate: string | null | undefined): string {
  return plate ? formatPlate(plate.replace(/·/g, '')) : '—';
}

export function Plate({ plate }: { plate: string | null }) {
  if (!plate) return <>—</>;
  // Some answers carry the plate as shown (川A·12345), others as stored (川A12345).
  const raw = plate.replace(/·/g, '');
  return <span className={`plate-badge small${raw.length === 8 ? ' new-energy' : ''}`}>{formatPlate(raw)}</span>;
}

/** Minutes between now and a promised time; negative when late. */
export function minutesLeft(promisedAt: string | null, now = Date.now()): number | null {
  if (!promisedAt) return null;
  const at = Date.parse(promisedAt);
  return Number.isNaN(at) ? null : Math.round((at - now) / 60_000);
}

/** 剩余 2 小时 10 分 / 超时 35 分. */
export function TimeLeft({ promisedAt, done = false }: { promisedAt: string | null; done?: boolean }) {
  const t = useT(RO_TEXT);
  const left = minutesLeft(promisedAt);
  if (left === null || done) return <>—</>;
  const abs = Math.abs(left);
  const text = abs >= 60 * 24 ? t('daysHours', { d: Math.floor(abs / 1440), h: Math.floor((abs % 1440) / 60) }) : abs >= 60 ? t('hoursMinutes', { h: Math.floor(abs / 60), m: abs % 60 }) : t('minutes', { m: abs });
  return left < 0 ? <span style={{ color: '#cf1322', fontWeight: 600 }}>{t('lateBy', { text })}</span> : <span>{t('leftIn', { text })}</span>;
}

/** "12.34" (yuan as typed) → 1234 fen, digit by digit; null when it is not an amount. */
export function parseYuan(text: string): number | null {
  const m = /^\s*(\d{1,10})(?:\.(\d{0,2}))?\s*$/.exec(text.replace(/,/g, ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/**
 * What a failed change of an RO says: a stale version offers to reload the RO, an illegal transition
 * names the state it is in now, anything else shows the server's message.
 */
export function useRoErrors(reload: () => void) {
  const t = useT(RO_TEXT);
  const { message, modal } = App.useApp();
  const label = useLabel();
  return useCallback(
    (err: unknown) => {
      if (isApiError(err) && err.isStaleVersion) {
        modal.confirm({ title: t('staleTitle'), content: t('staleRo'), okText: t('reload'), cancelText: t('close'), onOk: reload });
        return;
      }
      if (isApiError(err) && err.code === 'ILLEGAL_TRANSITION') {
        const state = (err.details as { state?: RoState } | undefined)?.state;
        modal.warning({ title: t('illegalTitle'), content: state ? t('illegalState', { state: label(RO_STATE_LABELS, state) }) : err.message, onOk: reload });
        return;
      }
      if (isApiError(err) && err.fields.length) {
        message.error(err.fields.map((f) => f.message).join('；'));
        return;
      }
      message.error(err instanceof Error ? err.message : String(err));
    },
    [message, modal, t, reload, label],
  );
}
