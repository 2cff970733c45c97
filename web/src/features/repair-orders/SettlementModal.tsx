import { CheckCircleFilled, DeleteOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Input, Modal, Radio, Result, Row, Select, Space, Table, Tag } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  DISCOUNT_REQUEST_STATUS_LABELS,
  PAYER_LABELS,
  PAYMENT_METHOD_LABELS,
  type Payer,
  type PaymentMethod,
  type RepairOrder,
} from '#contracts/repair-orders';
import { isApiError } from '../../lib/api';
import { formatDateTime, formatMoney, formatPercent } from '../../lib/format';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { useMe } from '../../app/auth';
import { invalidateRoLists, roApi, roQueryKey } from './api';
import { parseYuan } from './display';
import { RO_TEXT } from './text';

interface PaymentRow {
  key: number;
  payer: Payer;
  method: PaymentMethod;
  amount: string;
  reference: string;
  /** Follows the payer's remaining amount until the user types an amount. */
  auto: boolean;
}

function fenText(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return debounced;
}

export function openPrint(roId: number, form: string) {
  window.open(`/repair-orders/${roId}/print/${form}`, '_blank', 'noopener');
}

/**
 * 结算 (SPEC §7): the discount (in yuan, on the customer's labour and parts), whether it is within the
 * user's limit (beyond it: ask the manager and wait, or use an approved request), payments split over
 * methods and payers with what is left to pay, and one settlement however often the button is
 * pressed (one Idempotency-Key per opening of the dialog, reused on every retry).
 */
export function SettlementModal({ ro, open, onClose, onDeliver }: { ro: RepairOrder; open: boolean; onClose: () => void; onDeliver: () => void }) {
  const t = useT(RO_TEXT);
  const label = useLabel();
  const me = useMe();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const methods = useOptions(PAYMENT_METHOD_LABELS);
  const [key, setKey] = useState('');
  const [labourText, setLabourText] = useState('');
  const [partsText, setPartsText] = useState('');
  const [reason, setReason] = useState('');
  const [requestReason, setRequestReason] = useState('');
  const [rows, setRows] = useState<PaymentRow[]>([]);
  const [pickedRequest, setPickedRequest] = useState<number | null>(null);
  const [settling, setSettling] = useState(false);
  const [requesting, setRequesting] = useState(false);
  const [settledNumber, setSettledNumber] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const nextKey = useRef(1);
  const [wasOpen, setWasOpen] = useState(false);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      // A new key per opening: retries and double clicks inside it settle once.
      setKey(crypto.randomUUID());
      setLabourText('');
      setPartsText('');
      setReason('');
      setRequestReason('');
      setRows([]);
      setPickedRequest(null);
      setSettledNumber(null);
      setProblem(null);
    }
  }

  const labourFen = labourText.trim() ? parseYuan(labourText) : 0;
  const partsFen = partsText.trim() ? parseYuan(partsText) : 0;
  const validDiscount = labourFen !== null && partsFen !== null;
  const discount = useDebounced({ l: labourFen ?? 0, p: partsFen ?? 0 }, 300);
  const pendingRequest = ro.discountRequests.find((r) => r.status === 'pending');
  const preview = useQuery({
    queryKey: ['repair-orders', 'preview', ro.id, discount.l, discount.p, ro.version],
    queryFn: ({ signal }) => roApi.preview(ro.id, discount.l, discount.p, signal),
    enabled: open && settledNumber === null && validDiscount,
    placeholderData: keepPreviousData,
    // While a request waits for the manager, look again every few seconds.
    refetchInterval: pendingRequest ? 4000 : false,
  });
  // The RO too (its discount requests change when the manager decides).
  useQuery({
    queryKey: roQueryKey(ro.id),
    queryFn: ({ signal }) => roApi.get(ro.id, signal),
    enabled: open && !!pendingRequest,
    refetchInterval: 4000,
  });

  const p = preview.data;
  const totals = p?.totals;
  const current = discount.l === (labourFen ?? -1) && discount.p === (partsFen ?? -1);

  // Payments follow the totals: one row per payer, the customer in cash, the others on account.
  useEffect(() => {
    if (!totals) return;
    setRows((prev) => {
      let rowsNow = prev;
      for (const bp of totals.byPayer) {
        if (!rowsNow.some((r) => r.payer === bp.payer) && bp.totalFen > 0) {
          rowsNow = [...rowsNow, { key: nextKey.current++, payer: bp.payer, method: bp.payer === 'customer' ? 'wechat' : 'on_account', amount: '', reference: '', auto: true }];
        }
      }
      rowsNow = rowsNow.filter((r) => totals.byPayer.some((bp) => bp.payer === r.payer && bp.totalFen > 0) || !r.auto);
      return rowsNow.map((r) => {
        if (!r.auto) return r;
        const payerTotal = totals.byPayer.find((bp) => bp.payer === r.payer)?.totalFen ?? 0;
        const others = rowsNow.filter((o) => o.payer === r.payer && o.key !== r.key).reduce((s, o) => s + (parseYuan(o.amount) ?? 0), 0);
        return { ...r, amount: fenText(Math.max(0, payerTotal - others)) };
      });
    });
  }, [totals]);

  const remaining = useMemo(() => {
    const out: { payer: Payer; totalFen: number; paidFen: number; leftFen: number }[] = [];
    for (const bp of totals?.byPayer ?? []) {
      const paid = rows.filter((r) => r.payer === bp.payer).reduce((s, r) => s + (parseYuan(r.amount) ?? 0), 0);
      out.push({ payer: bp.payer, totalFen: bp.totalFen, paidFen: paid, leftFen: bp.totalFen - paid });
    }
    return out;
  }, [rows, totals]);
  const leftTotal = remaining.reduce((s, r) => s + r.leftFen, 0);
  const rowsValid = rows.every((r) => parseYuan(r.amount) !== null && (parseYuan(r.amount) ?? 0) > 0);
  const balanced = remaining.every((r) => r.leftFen === 0) && rows.every((r) => remaining.some((x) => x.payer === r.payer));

  const approved = ro.discountRequests.filter((r) => r.status === 'approved');
  const requestId = p?.withinLimit ? null : (pickedRequest ?? p?.approvedRequestId ?? null);
  const needsApproval = p ? !p.withinLimit && requestId === null : false;
  const usedRequest = approved.find((r) => r.id === requestId) ?? null;
  const discountGiven = (labourFen ?? 0) + (partsFen ?? 0) > 0;
  // A discount leaves a trace: its reason, or the approved request's.
  const reasonText = reason.trim() || usedRequest?.reason || '';
  const reasonMissing = discountGiven && reasonText === '';
  const canSettle = !!p && current && validDiscount && rowsValid && balanced && !needsApproval && !reasonMissing && !settling && !preview.isFetching;

  const setRow = (k: number, patch: Partial<PaymentRow>) => setRows((rs) => rs.map((r) => (r.key === k ? { ...r, ...patch } : r)));

  const askApproval = async () => {
    const why = requestReason.trim() || reason.trim();
    if (why.length < 2) {
      message.error(t('requestReasonRequired'));
      return;
    }
    setRequesting(true);
    try {
      await roApi.requestDiscount(ro.id, { labourDiscountFen: labourFen ?? 0, partsDiscountFen: partsFen ?? 0, reason: why });
      message.success(t('requestSent'));
      await client.invalidateQueries({ queryKey: roQueryKey(ro.id) });
      invalidateRoLists(client);
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setRequesting(false);
    }
  };

  const settle = () => {
    if (!canSettle || !totals) return;
    modal.confirm({
      title: t('settleConfirm', { amount: formatMoney(totals.totalFen) }),
      content: t('settleConfirmHint'),
      okText: t('settle'),
      cancelText: t('cancel'),
      onOk: async () => {
        setSettling(true);
        setProblem(null);
        try {
          const after = await roApi.settle(
            ro.id,
            {
              labourDiscountFen: labourFen ?? 0,
              partsDiscountFen: partsFen ?? 0,
              discountReason: discountGiven ? reasonText : '',
              discountRequestId: requestId,
              payments: rows.map((r) => ({ payer: r.payer, method: r.method, amountFen: parseYuan(r.amount) ?? 0, reference: r.reference.trim() })),
              version: ro.version,
            },
            key,
          );
          client.setQueryData(roQueryKey(ro.id), after);
          invalidateRoLists(client);
          setSettledNumber(after.settlement?.number ?? '');
        } catch (err) {
          if (isApiError(err) && err.code === 'DISCOUNT_APPROVAL_REQUIRED') void preview.refetch();
          if (isApiError(err) && err.isStaleVersion) void client.invalidateQueries({ queryKey: roQueryKey(ro.id) });
          // Field errors in the user's words (once each), otherwise the server's message.
          const fields = isApiError(err) ? [...new Set(err.fields.map((f) => f.message))] : [];
          setProblem(fields.length ? fields.join('；') : err instanceof Error ? err.message : String(err));
        } finally {
          setSettling(false);
        }
      },
    });
  };

  if (settledNumber !== null) {
    return (
      <Modal open={open} title={t('settlementTitle', { number: ro.number })} onCancel={onClose} footer={null} width={560}>
        <Result
          status="success"
          icon={<CheckCircleFilled />}
          title={t('settledTitle')}
          subTitle={t('settledHint', { number: settledNumber })}
          extra={
            <Space wrap>
              <Button icon={<PrinterOutlined />} onClick={() => openPrint(ro.id, 'settlement')}>
                {t('printSettlement')}
              </Button>
              <Button icon={<PrinterOutlined />} onClick={() => openPrint(ro.id, 'gate-pass')}>
                {t('printGatePass')}
              </Button>
              <Button
                type="primary"
                onClick={() => {
                  onClose();
                  onDeliver();
                }}
                data-testid="deliver-now"
              >
                {t('deliverNow')}
              </Button>
            </Space>
          }
        />
      </Modal>
    );
  }

  const shareText = p ? (p.shareBp >= Number.MAX_SAFE_INTEGER ? t('shareInfinite') : formatPercent(p.shareBp / 100)) : '—';
  return (
    <Modal
      open={open}
      title={t('settlementTitle', { number: ro.number })}
      onCancel={settling ? undefined : onClose}
      maskClosable={false}
      width={860}
      footer={
        <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          <span className={leftTotal === 0 ? 'pay-left ok' : 'pay-left'} data-testid="pay-left">
            {t('leftToPay')} {formatMoney(leftTotal)}
          </span>
          <div style={{ flex: 1 }} />
          <Button onClick={onClose} disabled={settling}>
            {t('cancel')}
          </Button>
          <Button type="primary" disabled={!canSettle} loading={settling} onClick={settle} data-testid="settle-submit">
            {t('settleAmount', { amount: formatMoney(totals?.totalFen ?? null) })}
          </Button>
        </div>
      }
    >
      {ro.partsOutstanding > 0 ? <Alert type="warning" showIcon title={t('partsOutstandingWarn', { n: ro.partsOutstanding })} style={{ marginBottom: 12 }} /> : null}
      {problem ? <Alert type="error" showIcon title={problem} closable={{ onClose: () => setProblem(null) }} style={{ marginBottom: 12 }} /> : null}
      <Row gutter={12} align="bottom">
        <Col span={6}>
          <div className="field-label">{t('labourDiscount')}</div>
          <Input prefix="¥" value={labourText} onChange={(e) => setLabourText(e.target.value)} status={labourFen === null ? 'error' : undefined} placeholder="0.00" data-testid="labour-discount" />
        </Col>
        <Col span={6}>
          <div className="field-label">{t('partsDiscount')}</div>
          <Input prefix="¥" value={partsText} onChange={(e) => setPartsText(e.target.value)} status={partsFen === null ? 'error' : undefined} placeholder="0.00" />
        </Col>
        <Col span={12}>
          <div className="field-label">{t('discountReason')}</div>
          <Input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={300}
            placeholder={usedRequest?.reason || t('discountReasonPlaceholder')}
            status={reasonMissing ? 'error' : undefined}
            data-testid="discount-reason"
          />
        </Col>
      </Row>
      {!validDiscount ? <div className="field-error">{t('yuanInvalid')}</div> : reasonMissing ? <div className="field-error">{t('discountReasonRequired')}</div> : null}

      {p && (labourFen || partsFen) ? (
        <div className="discount-line" data-testid="discount-share">
          {t('discountShare', { share: shareText })}
          {p.limitPercent === null ? t('noLimit') : t('yourLimit', { limit: formatPercent(p.limitPercent) })}
          {p.withinLimit ? (
            <Tag color="green" style={{ marginInlineStart: 8 }}>
              {t('withinLimit')}
            </Tag>
          ) : requestId ? (
            <Tag color="blue" style={{ marginInlineStart: 8 }}>
              {t('approvedCovers')}
            </Tag>
          ) : (
            <Tag color="red" style={{ marginInlineStart: 8 }}>
              {t('overLimit')}
            </Tag>
          )}
        </div>
      ) : null}

      {p && !p.withinLimit ? (
        <div className="approval-box">
          {approved.length ? (
            <div style={{ marginBottom: 8 }}>
              <div className="field-label">{t('approvedRequests')}</div>
              <Radio.Group
                value={requestId}
                onChange={(e) => {
                  const r = approved.find((a) => a.id === e.target.value);
                  setPickedRequest(e.target.value as number);
                  if (r) {
                    setLabourText(r.labourDiscountFen ? fenText(r.labourDiscountFen) : '');
                    setPartsText(r.partsDiscountFen ? fenText(r.partsDiscountFen) : '');
                    if (!reason) setReason(r.reason);
                  }
                }}
              >
                <Space orientation="vertical">
                  {approved.map((r) => (
                    <Radio key={r.id} value={r.id}>
                      {t('requestLine', {
                        labour: formatMoney(r.labourDiscountFen),
                        parts: formatMoney(r.partsDiscountFen),
                        by: r.decidedByName,
                        at: formatDateTime(r.decidedAt, me.store.timeZone),
                      })}
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            </div>
          ) : null}
          {pendingRequest ? (
            <Alert
              type="info"
              showIcon
              title={t('waitingApproval', { labour: formatMoney(pendingRequest.labourDiscountFen), parts: formatMoney(pendingRequest.partsDiscountFen) })}
              description={t('waitingApprovalHint')}
              data-testid="waiting-approval"
            />
          ) : requestId === null ? (
            <Space.Compact style={{ width: '100%' }}>
              <Input value={requestReason} onChange={(e) => setRequestReason(e.target.value)} placeholder={t('requestReasonPlaceholder')} maxLength={300} data-testid="request-reason" />
              <Button type="primary" ghost loading={requesting} onClick={() => void askApproval()} data-testid="request-approval">
                {t('requestApproval')}
              </Button>
            </Space.Compact>
          ) : null}
          {ro.discountRequests.some((r) => r.status === 'rejected') ? (
            <div className="form-hint" style={{ marginTop: 6 }}>
              {ro.discountRequests
                .filter((r) => r.status === 'rejected')
                .map((r) => `${label(DISCOUNT_REQUEST_STATUS_LABELS, r.status)}：${r.decidedByName} ${r.note}`)
                .join('；')}
            </div>
          ) : null}
        </div>
      ) : null}

      <Table
        size="small"
        style={{ marginTop: 12 }}
        pagination={false}
        rowKey="payer"
        loading={preview.isFetching && !p}
        dataSource={totals?.byPayer ?? []}
        columns={[
          { key: 'payer', title: t('payer'), render: (_, r) => label(PAYER_LABELS, r.payer) },
          { key: 'l', title: t('labourFee'), align: 'right', render: (_, r) => formatMoney(r.labourFen) },
          { key: 'p', title: t('partsFee'), align: 'right', render: (_, r) => formatMoney(r.partsFen) },
          { key: 'd', title: t('discount'), align: 'right', render: (_, r) => (r.discountFen ? `-${formatMoney(r.discountFen)}` : '—') },
          { key: 't', title: t('payable'), align: 'right', render: (_, r) => <strong>{formatMoney(r.totalFen)}</strong> },
        ]}
        summary={() =>
          totals ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {formatMoney(totals.labourFen)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {formatMoney(totals.partsFen)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {totals.discountFen ? `-${formatMoney(totals.discountFen)}` : '—'}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                <strong data-testid="settle-total">{formatMoney(totals.totalFen)}</strong>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />

      <div className="section-title" style={{ marginTop: 16 }}>
        <div className="section-title-text">{t('payments')}</div>
        <div className="form-hint">
          {remaining.map((r) => `${label(PAYER_LABELS, r.payer)} ${t('stillDue')} ${formatMoney(r.leftFen)}`).join(' · ')}
        </div>
      </div>
      {rows.map((r) => (
        <div className="pay-row" key={r.key}>
          <Select<Payer>
            value={r.payer}
            style={{ width: 120 }}
            options={(totals?.byPayer ?? []).map((bp) => ({ value: bp.payer, label: label(PAYER_LABELS, bp.payer) }))}
            onChange={(v) => setRow(r.key, { payer: v })}
            aria-label={t('payer')}
          />
          <Select<PaymentMethod> value={r.method} style={{ width: 130 }} options={methods} onChange={(v) => setRow(r.key, { method: v })} aria-label={t('method')} />
          <Input
            prefix="¥"
            value={r.amount}
            style={{ width: 150 }}
            status={parseYuan(r.amount) === null ? 'error' : undefined}
            onChange={(e) => setRow(r.key, { amount: e.target.value, auto: false })}
            aria-label={t('amount')}
          />
          <Input value={r.reference} placeholder={t('reference')} maxLength={60} onChange={(e) => setRow(r.key, { reference: e.target.value })} style={{ flex: 1 }} />
          <Button type="text" icon={<DeleteOutlined />} aria-label={t('remove')} disabled={rows.length <= 1} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} />
        </div>
      ))}
      <Button
        icon={<PlusOutlined />}
        size="small"
        onClick={() => {
          const left = remaining.find((r) => r.leftFen > 0);
          setRows((rs) => [
            ...rs,
            { key: nextKey.current++, payer: left?.payer ?? 'customer', method: 'cash', amount: left ? fenText(left.leftFen) : '', reference: '', auto: false },
          ]);
        }}
      >
        {t('splitPayment')}
      </Button>
    </Modal>
  );
}
