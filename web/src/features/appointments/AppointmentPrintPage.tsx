import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useParams } from 'react-router';
import { APPOINTMENT_CHANNEL_LABELS } from '#contracts/appointments';
import { JOB_TYPE_LABELS } from '#contracts/stores';
import { useMe } from '../../app/auth';
import { ErrorState } from '../../components/states';
import { formatDateTime, formatMoney, formatPlate } from '../../lib/format';
import { useLabel, useT } from '../../lib/i18n';
import { DEFAULT_LATE_MINUTES } from './actions';
import { useStoreHeader } from '../../components/print/useStoreHeader';
import { APPOINTMENTS_KEY, appointmentsApi } from './api';
import { APPOINTMENT_TEXT } from './text';
import './appointments.css';

/**
 * The printed 维修预约单 (SPEC §4, §18): A4, black on white, the store's header and the signature
 * lines. Opened in a new tab; on screen the sheet covers the app shell and only it is printed.
 */
export default function AppointmentPrintPage() {
  const { id: raw } = useParams();
  const id = raw && /^\d+$/.test(raw) ? Number(raw) : null;
  const t = useT(APPOINTMENT_TEXT);
  const label = useLabel();
  const me = useMe();
  const tz = me.store.timeZone;
  const query = useQuery({ queryKey: [APPOINTMENTS_KEY, 'detail', id], queryFn: () => appointmentsApi.get(id!), enabled: id !== null });
  const store = useStoreHeader();

  useEffect(() => {
    document.body.classList.add('appt-printing');
    return () => document.body.classList.remove('appt-printing');
  }, []);

  const a = query.data;
  let content;
  if (id === null) content = <Result status="404" title={t('notFound')} />;
  else if (query.error) content = <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  else if (!a) content = <div style={{ textAlign: 'center', padding: 64 }}><Spin /></div>;
  else {
    const s = store;
    content = (
      <div className="ap-sheet">
        <div className="ap-header">
          <div className="ap-store">{s.name}</div>
          {s.address || s.phone ? (
            <div className="ap-store-sub">
              {s.address}
              {s.phone ? `  ${t('printStorePhone')}：${s.phone}` : ''}
            </div>
          ) : null}
          <h1 className="ap-title">{t('printTitle')}</h1>
          <div className="ap-meta">
            <span>
              {t('number')}：{a.number}
            </span>
            <span>
              {t('printedAt')}：{formatDateTime(new Date(), tz)}
            </span>
          </div>
        </div>
        <table className="ap-grid">
          <tbody>
            <tr>
              <th>{t('contactName')}</th>
              <td>{a.contactName}</td>
              <th>{t('contactPhone')}</th>
              <td>{a.contactPhone}</td>
            </tr>
            <tr>
              <th>{t('plate')}</th>
              <td>{formatPlate(a.plate)}</td>
              <th>{t('model')}</th>
              <td>{a.modelName || '—'}</td>
            </tr>
            <tr>
              <th>{t('date')}</th>
              <td>
                {a.date} {a.time}–{formatDateTime(a.endsAt, tz).slice(11)}
              </td>
              <th>{t('jobType')}</th>
              <td>{label(JOB_TYPE_LABELS, a.jobType)}</td>
            </tr>
            <tr>
              <th>{t('channel')}</th>
              <td>{label(APPOINTMENT_CHANNEL_LABELS, a.channel)}</td>
              <th>{t('advisor')}</th>
              <td>{a.advisorName || '—'}</td>
            </tr>
            <tr>
              <th>{t('requestedWork')}</th>
              <td colSpan={3} className="ap-tall">
                {a.requestedWork}
              </td>
            </tr>
            <tr>
              <th>{t('partsToPrepare')}</th>
              <td colSpan={3} className="ap-tall">
                {a.partsToPrepare || '—'}
              </td>
            </tr>
            <tr>
              <th>{t('deposit')}</th>
              <td>{a.depositFen ? formatMoney(a.depositFen) : '—'}</td>
              <th>{t('createdBy')}</th>
              <td>
                {a.createdByName} {formatDateTime(a.createdAt, tz)}
              </td>
            </tr>
            <tr>
              <th>{t('notes')}</th>
              <td colSpan={3}>{a.notes || '—'}</td>
            </tr>
          </tbody>
        </table>
        <p className="ap-note">{t('printNote', { late: DEFAULT_LATE_MINUTES })}</p>
        <div className="ap-signatures">
          <div className="ap-sign">
            <span>{t('printCustomerSign')}：</span>
            <span className="ap-sign-line" />
          </div>
          <div className="ap-sign">
            <span>{t('printAdvisorSign')}：</span>
            <span className="ap-sign-line" />
          </div>
          <div className="ap-sign">
            <span>{t('printDate')}：</span>
            <span className="ap-sign-line" />
          </div>
        </div>
      </div>
    );
  }

  return createPortal(
    <div className="ap-root">
      <style>{'@page { size: A4; margin: 12mm; }'}</style>
      <div className="ap-toolbar no-print">
        <span>
          {t('printTitle')} {a?.number ?? ''}
        </span>
        <span style={{ flex: 1 }} />
        <Button onClick={() => window.close()}>{t('close')}</Button>
        <Button type="primary" icon={<PrinterOutlined />} disabled={!a} onClick={() => window.print()}>
          {t('print')}
        </Button>
      </div>
      {content}
    </div>,
    document.body,
  );
}
