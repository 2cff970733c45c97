import { PrinterOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import { useEffect, useMemo, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useParams, useSearchParams } from 'react-router';
import type { Part } from '#contracts/parts';
import { computeTotals, partAmountFen } from '#contracts/repair-order-pricing';
import {
  COMMON_BELONGINGS,
  DAMAGE_KIND_LABELS,
  DECISION_CHANNEL_LABELS,
  DECISION_LABELS,
  FUEL_LEVEL_LABELS,
  PAYER_LABELS,
  PAYMENT_METHOD_LABELS,
  PRICING_METHOD_LABELS,
  PRICING_METHOD_WARNINGS,
  RO_TYPE_LABELS,
  WARNING_LIGHT_LABELS,
  type AdditionalWork,
  type RepairOrder,
  type RoLine,
  type RoLineInput,
  type RoTotals,
} from '#contracts/repair-orders';
import type { ServiceItem } from '#contracts/service-items';
import { useMe } from '../../app/auth';
import { useStoreHeader } from '../../components/print/useStoreHeader';
import { ErrorState } from '../../components/states';
import { api } from '../../lib/api';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../lib/format';
import { useLabel, useLang, useT } from '../../lib/i18n';
import { useRo } from './api';
import { plateText } from './display';
import { CarOutline } from './CarOutline';
import { isPrintForm, PRINT_FORMS, type PrintFormKey } from './printForms';
import { PRINT_TEXT } from './text';
import './print.css';

/**
 * The printed forms of an RO (SPEC §18): A4, black on white, the store's header, page numbers and the
 * lines where the customer signs. Opened in a new tab; the page covers the app shell on screen and is
 * the only thing printed.
 */
export default function PrintPage() {
  const { id: raw, form } = useParams();
  const id = raw && /^\d+$/.test(raw) ? Number(raw) : null;
  const t = useT(PRINT_TEXT);
  const { lang } = useLang();
  const query = useRo(id);

  useEffect(() => {
    document.body.classList.add('ro-printing');
    return () => document.body.classList.remove('ro-printing');
  }, []);

  const pageStyle = `@page { size: A4; margin: 12mm 12mm 16mm; @bottom-center { content: "${t('pageOf')}"; font-size: 9pt; } }`
    .replace('{page}', '" counter(page) "')
    .replace('{pages}', '" counter(pages) "');

  let body: ReactNode;
  if (id === null || !isPrintForm(form)) body = <Result status="404" title={t('noSuchForm')} />;
  else if (query.isError) body = <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  else if (query.isPending) body = <Spin style={{ display: 'block', margin: '80px auto' }} />;
  else body = <FormSheet ro={query.data} form={form} />;

  const title = isPrintForm(form) ? PRINT_FORMS.find((f) => f.key === form)!.label[lang] : '';
  useEffect(() => {
    if (query.data && title) document.title = `${title} ${query.data.number}`;
  }, [query.data, title]);

  return createPortal(
    <div className="print-root" data-testid="print-root">
      <style>{pageStyle}</style>
      <div className="print-toolbar no-print">
        <span>{title}</span>
        <div style={{ flex: 1 }} />
        <Button onClick={() => window.close()}>{t('close')}</Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!query.data} data-testid="print-button">
          {t('print')}
        </Button>
      </div>
      <div className="print-sheet">{body}</div>
    </div>,
    document.body,
  );
}

function Header({ title, number, ro }: { title: string; number: string; ro: RepairOrder }) {
  const t = useT(PRINT_TEXT);
  const me = useMe();
  const store = useStoreHeader();
  return (
    <header className="pf-header">
      <div className="pf-store">
        <div className="pf-store-name">{store.name}</div>
        <div className="pf-store-sub">{[store.brand, store.address, store.phone ? `${t('tel')} ${store.phone}` : ''].filter(Boolean).join('  ')}</div>
      </div>
      <h1 className="pf-title">{title}</h1>
      <div className="pf-meta">
        <span>
          {t('no')} {number}
        </span>
        {number !== ro.number ? (
          <span>
            {t('roNo')} {ro.number}
          </span>
        ) : null}
        <span>
          {t('printedAt')} {formatDateTime(new Date(), me.store.timeZone)}
        </span>
      </div>
    </header>
  );
}

function VehicleBlock({ ro }: { ro: RepairOrder }) {
  const t = useT(PRINT_TEXT);
  const label = useLabel();
  const tz = useMe().store.timeZone;
  const cells: [string, ReactNode][] = [
    [t('plate'), plateText(ro.plate)],
    [t('model'), ro.modelName || '—'],
    [t('vin'), ro.vin ?? '—'],
    [t('customer'), ro.customerName || '—'],
    [t('broughtBy'), `${ro.broughtByName}${ro.broughtByPhone ? ` ${ro.broughtByPhone}` : ''}`],
    [t('type'), label(RO_TYPE_LABELS, ro.type)],
    [t('openedAt'), formatDateTime(ro.openedAt, tz)],
    [t('odometer'), `${formatNumber(ro.odometerKm)} km`],
    [t('promisedAt'), ro.promisedAt ? formatDateTime(ro.promisedAt, tz) : '—'],
    [t('advisor'), ro.advisorName || '—'],
    [t('pricingMethod'), label(PRICING_METHOD_LABELS, ro.pricingMethod)],
    [t('fuel'), label(FUEL_LEVEL_LABELS, ro.fuelLevel)],
  ];
  const rows: [string, ReactNode][][] = [];
  for (let i = 0; i < cells.length; i += 3) rows.push(cells.slice(i, i + 3));
  return (
    <table className="pf-grid">
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map(([k, v]) => (
              <FragmentCells key={k} k={k} v={v} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FragmentCells({ k, v }: { k: string; v: ReactNode }) {
  return (
    <>
      <th>{k}</th>
      <td>{v}</td>
    </>
  );
}

function LinesTable({ lines, totals, showPayer = true }: { lines: RoLine[]; totals: RoTotals; showPayer?: boolean }) {
  const t = useT(PRINT_TEXT);
  const label = useLabel();
  const labour = lines.filter((l) => l.kind === 'labour');
  const parts = lines.filter((l) => l.kind === 'part');
  return (
    <>
      <h2 className="pf-section">{t('labourLines')}</h2>
      <table className="pf-table">
        <thead>
          <tr>
            <th style={{ width: '6%' }}>{t('seq')}</th>
            <th>{t('item')}</th>
            <th style={{ width: '10%' }}>{t('hours')}</th>
            <th style={{ width: '14%' }}>{t('rate')}</th>
            <th style={{ width: '14%' }}>{t('amount')}</th>
            {showPayer ? <th style={{ width: '12%' }}>{t('payer')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {labour.length === 0 ? (
            <tr>
              <td colSpan={showPayer ? 6 : 5} className="pf-empty">
                {t('none')}
              </td>
            </tr>
          ) : (
            labour.map((l, i) => (
              <tr key={l.id}>
                <td className="c">{i + 1}</td>
                <td>{l.description}</td>
                <td className="r">{l.fixedPriceFen !== null ? t('fixed') : (l.hours ?? '')}</td>
                <td className="r">{l.fixedPriceFen !== null ? formatMoney(l.fixedPriceFen) : formatMoney(l.rateFen)}</td>
                <td className="r">{formatMoney(l.amountFen)}</td>
                {showPayer ? <td className="c">{label(PAYER_LABELS, l.payer)}</td> : null}
              </tr>
            ))
          )}
        </tbody>
      </table>
      <h2 className="pf-section">{t('partLines')}</h2>
      <table className="pf-table">
        <thead>
          <tr>
            <th style={{ width: '6%' }}>{t('seq')}</th>
            <th>{t('partName')}</th>
            <th style={{ width: '10%' }}>{t('quantity')}</th>
            <th style={{ width: '14%' }}>{t('unitPrice')}</th>
            <th style={{ width: '14%' }}>{t('amount')}</th>
            {showPayer ? <th style={{ width: '12%' }}>{t('payer')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {parts.length === 0 ? (
            <tr>
              <td colSpan={showPayer ? 6 : 5} className="pf-empty">
                {t('none')}
              </td>
            </tr>
          ) : (
            parts.map((l, i) => (
              <tr key={l.id}>
                <td className="c">{i + 1}</td>
                <td>{l.description}</td>
                <td className="r">{l.quantity}</td>
                <td className="r">{formatMoney(l.unitPriceFen)}</td>
                <td className="r">{formatMoney(l.amountFen)}</td>
                {showPayer ? <td className="c">{label(PAYER_LABELS, l.payer)}</td> : null}
              </tr>
            ))
          )}
        </tbody>
      </table>
      <TotalsTable totals={totals} />
    </>
  );
}

function TotalsTable({ totals }: { totals: RoTotals }) {
  const t = useT(PRINT_TEXT);
  const label = useLabel();
  return (
    <table className="pf-table pf-totals">
      <thead>
        <tr>
          <th>{t('payer')}</th>
          <th>{t('labourFee')}</th>
          <th>{t('partsFee')}</th>
          <th>{t('discount')}</th>
          <th>{t('payable')}</th>
        </tr>
      </thead>
      <tbody>
        {totals.byPayer.map((p) => (
          <tr key={p.payer}>
            <td className="c">{label(PAYER_LABELS, p.payer)}</td>
            <td className="r">{formatMoney(p.labourFen)}</td>
            <td className="r">{formatMoney(p.partsFen)}</td>
            <td className="r">{p.discountFen ? `-${formatMoney(p.discountFen)}` : '—'}</td>
            <td className="r">{formatMoney(p.totalFen)}</td>
          </tr>
        ))}
        <tr className="pf-grand">
          <td className="c">{t('total')}</td>
          <td className="r">{formatMoney(totals.labourFen)}</td>
          <td className="r">{formatMoney(totals.partsFen)}</td>
          <td className="r">{totals.discountFen ? `-${formatMoney(totals.discountFen)}` : '—'}</td>
          <td className="r">{formatMoney(totals.totalFen)}</td>
        </tr>
      </tbody>
    </table>
  );
}

function Concerns({ ro }: { ro: RepairOrder }) {
  const t = useT(PRINT_TEXT);
  return (
    <>
      <h2 className="pf-section">{t('concerns')}</h2>
      {ro.concerns.length ? (
        <ol className="pf-concerns">
          {ro.concerns.map((c, i) => (
            <li key={i}>{c}</li>
          ))}
        </ol>
      ) : (
        <div className="pf-empty-line">{t('none')}</div>
      )}
    </>
  );
}

function WalkAround({ ro }: { ro: RepairOrder }) {
  const t = useT(PRINT_TEXT);
  const label = useLabel();
  return (
    <>
      <h2 className="pf-section">{t('walkAround')}</h2>
      <div className="pf-walk">
        <CarOutline marks={ro.damageMarks} height={190} front={t('front')} rear={t('rear')} print />
        <table className="pf-grid pf-walk-table">
          <tbody>
            <tr>
              <th>{t('damage')}</th>
              <td>{ro.damageMarks.length ? ro.damageMarks.map((m, i) => `${i + 1}. ${label(DAMAGE_KIND_LABELS, m.kind)}${m.note ? ` ${m.note}` : ''}`).join('；') : t('noDamage')}</td>
            </tr>
            <tr>
              <th>{t('warningLights')}</th>
              <td>{ro.warningLights.length ? ro.warningLights.map((w) => label(WARNING_LIGHT_LABELS, w)).join('、') : t('none')}</td>
            </tr>
            <tr>
              <th>{t('belongings')}</th>
              <td>{ro.belongings.length ? ro.belongings.join('、') : t('none')}</td>
            </tr>
            <tr>
              <th>{t('fuel')}</th>
              <td>
                {label(FUEL_LEVEL_LABELS, ro.fuelLevel)} · {t('odometer')} {formatNumber(ro.odometerKm)} km
              </td>
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
}

function Signatures({ items }: { items: { label: string; image?: string | null; text?: string }[] }) {
  return (
    <div className="pf-signatures">
      {items.map((s) => (
        <div className="pf-sign" key={s.label}>
          <span className="pf-sign-label">{s.label}：</span>
          <span className="pf-sign-line">{s.image ? <img src={s.image} alt="" /> : s.text ? <span>{s.text}</span> : null}</span>
        </div>
      ))}
    </div>
  );
}

function FormSheet({ ro, form }: { ro: RepairOrder; form: PrintFormKey }) {
  switch (form) {
    case 'ro':
      return <RoForm ro={ro} />;
    case 'estimate':
      return <EstimateForm ro={ro} />;
    case 'additional-work':
      return <AdditionalWorkForm ro={ro} />;
    case 'settlement':
      return <SettlementForm ro={ro} />;
    case 'gate-pass':
      return <GatePassForm ro={ro} />;
    case 'belongings':
      return <BelongingsForm ro={ro} />;
  }
}

function RoForm({ ro }: { ro: RepairOrder }) {
  const t = useT(PRINT_TEXT);
  const { lang } = useLang();
  const tz = useMe().store.timeZone;
  return (
    <article className="pf" data-testid="print-ro">
      <Header title={t('title_ro')} number={ro.number} ro={ro} />
      <VehicleBlock ro={ro} />
      <WalkAround ro={ro} />
      <Concerns ro={ro} />
      <LinesTable lines={ro.lines} totals={ro.totals} />
      <p className="pf-note">{PRICING_METHOD_WARNINGS[ro.pricingMethod][lang]}</p>
      <p className="pf-note">{t('roTerms')}</p>
      <Signatures
        items={[
          { label: t('customerSign'), image: ro.signature, text: ro.signedAt && !ro.signature ? t('paperSigned') : undefined },
          { label: t('advisorSign'), text: ro.advisorName },
          { label: t('date'), text: ro.signedAt ? formatDate(ro.signedAt, tz) : '' },
        ]}
      />
    </article>
  );
}

function EstimateForm({ ro }: { ro: RepairOrder }) {
  const t = useT(PRINT_TEXT);
  const { lang } = useLang();
  const lines = ro.lines.filter((l) => l.source === 'estimate');
  const totals = computeTotals(lines);
  return (
    <article className="pf" data-testid="print-estimate">
      <Header title={t('title_estimate')} number={ro.number} ro={ro} />
      <VehicleBlock ro={ro} />
      <Concerns ro={ro} />
      <LinesTable lines={lines} totals={totals} />
      <p className="pf-note">{PRICING_METHOD_WARNINGS[ro.pricingMethod][lang]}</p>
      <p className="pf-note">{t('estimateTerms')}</p>
      <Signatures
        items={[
          { label: t('customerConfirm'), image: ro.signature },
          { label: t('advisorSign'), text: ro.advisorName },
          { label: t('date'), text: '' },
        ]}
      />
    </article>
  );
}

/** Names of the service items and parts of additional-work lines that are not on the RO yet. */
function useLineNames(works: AdditionalWork[]) {
  const itemIds = [...new Set(works.flatMap((w) => w.lines.flatMap((l) => (l.kind === 'labour' && l.serviceItemId ? [l.serviceItemId] : []))))];
  const partIds = [...new Set(works.flatMap((w) => w.lines.flatMap((l) => (l.kind === 'part' ? [l.partId] : []))))];
  const items = useQueries({ queries: itemIds.map((id) => ({ queryKey: ['service-items', 'record', id], queryFn: () => api.get<ServiceItem>(`/api/service-items/${id}`), staleTime: 60_000 })) });
  const parts = useQueries({ queries: partIds.map((id) => ({ queryKey: ['parts', 'record', id], queryFn: () => api.get<Part>(`/api/parts/${id}`), staleTime: 60_000 })) });
  return useMemo(() => {
    const names = new Map<string, { name: string; priceFen: number | null }>();
    for (const q of items) if (q.data) names.set(`i${q.data.id}`, { name: `${q.data.code} ${q.data.name}`, priceFen: q.data.priceFen });
    for (const q of parts) if (q.data) names.set(`p${q.data.id}`, { name: `${q.data.partNo} ${q.data.name}`, priceFen: q.data.retailPriceFen });
    return names;
  }, [items, parts]);
}

function AdditionalWorkForm({ ro }: { ro: RepairOrder }) {
  const t = useT(PRINT_TEXT);
  const label = useLabel();
  const tz = useMe().store.timeZone;
  const [params] = useSearchParams();
  const only = Number(params.get('work')) || null;
  const works = ro.additionalWork.filter((w) => only === null || w.id === only);
  const names = useLineNames(works);
  const lineText = (l: RoLineInput): { name: string; qty: string; amount: string } => {
    if (l.kind === 'labour') {
      const n = l.serviceItemId ? names.get(`i${l.serviceItemId}`)?.name : undefined;
      return { name: [n, l.description].filter(Boolean).join(' · ') || '—', qty: l.fixedPriceFen !== null ? t('fixed') : `${l.hours} h`, amount: l.fixedPriceFen !== null ? formatMoney(l.fixedPriceFen) : '' };
    }
    const p = names.get(`p${l.partId}`);
    const unit = l.unitPriceFen ?? p?.priceFen ?? null;
    return { name: p?.name ?? '—', qty: l.quantity, amount: unit !== null ? formatMoney(partAmountFen(l.quantity, unit)) : '' };
  };
  return (
    <article className="pf" data-testid="print-additional-work">
      <Header title={t('title_additional')} number={ro.number} ro={ro} />
      <VehicleBlock ro={ro} />
      {works.length === 0 ? <div className="pf-empty-line">{t('none')}</div> : null}
      {works.map((w, i) => {
        const onRo = ro.lines.filter((l) => l.additionalWorkId === w.id);
        return (
          <section key={w.id} className="pf-aw">
            <h2 className="pf-section">
              {t('awItem', { n: i + 1 })} {w.safety ? `【${t('safety')}】` : ''}
            </h2>
            <table className="pf-grid">
              <tbody>
                <tr>
                  <th>{t('awDescription')}</th>
                  <td colSpan={3}>{w.description}</td>
                </tr>
                <tr>
                  <th>{t('raisedBy')}</th>
                  <td>
                    {w.raisedByName} {formatDateTime(w.raisedAt, tz)}
                  </td>
                  <th>{t('delay')}</th>
                  <td>{t('minutesN', { n: w.delayMinutes })}</td>
                </tr>
              </tbody>
            </table>
            <table className="pf-table">
              <thead>
                <tr>
                  <th style={{ width: '8%' }}>{t('kind')}</th>
                  <th>{t('item')}</th>
                  <th style={{ width: '14%' }}>{t('hoursOrQty')}</th>
                  <th style={{ width: '16%' }}>{t('amount')}</th>
                  <th style={{ width: '12%' }}>{t('payer')}</th>
                </tr>
              </thead>
              <tbody>
                {onRo.length
                  ? onRo.map((l) => (
                      <tr key={l.id}>
                        <td className="c">{l.kind === 'labour' ? t('labour') : t('part')}</td>
                        <td>{l.description}</td>
                        <td className="r">{l.kind === 'labour' ? (l.hours ?? '') : l.quantity}</td>
                        <td className="r">{formatMoney(l.amountFen)}</td>
                        <td className="c">{label(PAYER_LABELS, l.payer)}</td>
                      </tr>
                    ))
                  : w.lines.map((l, j) => {
                      const x = lineText(l as RoLineInput);
                      // A single line costs what the whole item costs (the server priced it).
                      if (w.lines.length === 1) x.amount = formatMoney(w.amountFen);
                      return (
                        <tr key={j}>
                          <td className="c">{l.kind === 'labour' ? t('labour') : t('part')}</td>
                          <td>{x.name}</td>
                          <td className="r">{x.qty}</td>
                          <td className="r">{x.amount}</td>
                          <td className="c">{label(PAYER_LABELS, l.payer)}</td>
                        </tr>
                      );
                    })}
                <tr className="pf-grand">
                  <td colSpan={3} className="c">
                    {t('awTotal')}
                  </td>
                  <td className="r">{formatMoney(w.amountFen)}</td>
                  <td />
                </tr>
              </tbody>
            </table>
            <table className="pf-grid">
              <tbody>
                <tr>
                  <th>{t('decision')}</th>
                  <td>{label(DECISION_LABELS, w.decision)}</td>
                  <th>{t('decidedBy')}</th>
                  <td>{w.decidedBy || '—'}</td>
                </tr>
                <tr>
                  <th>{t('channel')}</th>
                  <td>{label(DECISION_CHANNEL_LABELS, w.channel)}</td>
                  <th>{t('decidedAt')}</th>
                  <td>{w.decidedAt ? formatDateTime(w.decidedAt, tz) : '—'}</td>
                </tr>
                {w.note ? (
                  <tr>
                    <th>{t('note')}</th>
                    <td colSpan={3}>{w.note}</td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </section>
        );
      })}
      <p className="pf-note">{t('awTerms')}</p>
      <Signatures
        items={[
          { label: t('customerSign'), text: '' },
          { label: t('advisorSign'), text: ro.advisorName },
          { label: t('date'), text: '' },
        ]}
      />
    </article>
  );
}

function SettlementForm({ ro }: { ro: RepairOrder }) {
  const t = useT(PRINT_TEXT);
  const label = useLabel();
  const tz = useMe().store.timeZone;
  const s = ro.settlement;
  if (!s) return <Result status="info" title={t('notSettled')} />;
  return (
    <article className="pf" data-testid="print-settlement">
      <Header title={t('title_settlement')} number={s.number} ro={ro} />
      {s.reversedAt ? <div className="pf-void">{t('reversedStamp', { number: s.reversalNumber ?? '' })}</div> : null}
      <VehicleBlock ro={ro} />
      <LinesTable lines={ro.lines} totals={s.totals} />
      {s.totals.discountFen ? (
        <p className="pf-note">
          {t('discountLine', { amount: formatMoney(s.totals.discountFen) })}
          {s.discountReason ? `（${s.discountReason}）` : ''}
        </p>
      ) : null}
      <h2 className="pf-section">{t('payments')}</h2>
      <table className="pf-table">
        <thead>
          <tr>
            <th>{t('payer')}</th>
            <th>{t('method')}</th>
            <th>{t('amount')}</th>
            <th>{t('reference')}</th>
          </tr>
        </thead>
        <tbody>
          {s.payments.map((p) => (
            <tr key={p.id}>
              <td className="c">{label(PAYER_LABELS, p.payer)}</td>
              <td className="c">{label(PAYMENT_METHOD_LABELS, p.method)}</td>
              <td className="r">{formatMoney(p.amountFen)}</td>
              <td>{p.reference}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="pf-note">
        {t('settledByLine', { by: s.settledByName, at: formatDateTime(s.settledAt, tz) })}
      </p>
      <p className="pf-note">{t('warrantyTerms')}</p>
      <Signatures
        items={[
          { label: t('customerSign'), image: ro.deliverySignature },
          { label: t('cashierSign'), text: s.settledByName },
          { label: t('date'), text: formatDate(s.settledAt, tz) },
        ]}
      />
    </article>
  );
}

function GatePassForm({ ro }: { ro: RepairOrder }) {
  const t = useT(PRINT_TEXT);
  const tz = useMe().store.timeZone;
  const s = ro.settlement;
  if (!s) return <Result status="info" title={t('notSettled')} />;
  return (
    <article className="pf pf-short" data-testid="print-gate-pass">
      <Header title={t('title_gatePass')} number={s.gatePassNumber} ro={ro} />
      <table className="pf-grid">
        <tbody>
          <tr>
            <th>{t('plate')}</th>
            <td className="pf-big">{plateText(ro.plate)}</td>
            <th>{t('model')}</th>
            <td>{ro.modelName || '—'}</td>
          </tr>
          <tr>
            <th>{t('customer')}</th>
            <td>{ro.customerName || '—'}</td>
            <th>{t('roNo')}</th>
            <td>{ro.number}</td>
          </tr>
          <tr>
            <th>{t('settlementNo')}</th>
            <td>{s.number}</td>
            <th>{t('settledAt')}</th>
            <td>{formatDateTime(s.settledAt, tz)}</td>
          </tr>
          <tr>
            <th>{t('amount')}</th>
            <td>{formatMoney(s.totals.totalFen)}</td>
            <th>{t('advisor')}</th>
            <td>{ro.advisorName || '—'}</td>
          </tr>
        </tbody>
      </table>
      <p className="pf-pass">{s.reversedAt ? t('gatePassVoid') : t('gatePassText')}</p>
      <Signatures
        items={[
          { label: t('advisorSign'), text: ro.advisorName },
          { label: t('cashierSign'), text: s.settledByName },
          { label: t('guardSign'), text: '' },
        ]}
      />
    </article>
  );
}

function BelongingsForm({ ro }: { ro: RepairOrder }) {
  const t = useT(PRINT_TEXT);
  const tz = useMe().store.timeZone;
  const label = useLabel();
  const others = ro.belongings.filter((b) => !(COMMON_BELONGINGS as readonly string[]).includes(b));
  return (
    <article className="pf pf-short" data-testid="print-belongings">
      <Header title={t('title_belongings')} number={ro.number} ro={ro} />
      <table className="pf-grid">
        <tbody>
          <tr>
            <th>{t('plate')}</th>
            <td>{plateText(ro.plate)}</td>
            <th>{t('model')}</th>
            <td>{ro.modelName || '—'}</td>
          </tr>
          <tr>
            <th>{t('broughtBy')}</th>
            <td>{ro.broughtByName}</td>
            <th>{t('openedAt')}</th>
            <td>{formatDateTime(ro.openedAt, tz)}</td>
          </tr>
          <tr>
            <th>{t('odometer')}</th>
            <td>{formatNumber(ro.odometerKm)} km</td>
            <th>{t('fuel')}</th>
            <td>{label(FUEL_LEVEL_LABELS, ro.fuelLevel)}</td>
          </tr>
        </tbody>
      </table>
      <h2 className="pf-section">{t('belongings')}</h2>
      <table className="pf-table">
        <thead>
          <tr>
            <th>{t('article')}</th>
            <th style={{ width: '18%' }}>{t('atReception')}</th>
            <th style={{ width: '18%' }}>{t('atDelivery')}</th>
          </tr>
        </thead>
        <tbody>
          {[...COMMON_BELONGINGS, ...others].map((b) => {
            const has = ro.belongings.includes(b);
            return (
              <tr key={b}>
                <td>{b}</td>
                <td className="c">{has ? '☑' : '☐'}</td>
                <td className="c">{has ? '☐' : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="pf-note">{t('belongingsTerms')}</p>
      <Signatures
        items={[
          { label: t('customerAtReception'), image: ro.signature },
          { label: t('customerAtDelivery'), image: ro.deliverySignature },
          { label: t('advisorSign'), text: ro.advisorName },
        ]}
      />
    </article>
  );
}
