import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Col, Form, Input, Row } from 'antd';
import { PART_UNIT_LABELS, type Part } from '#contracts/parts';
import { FormDrawer } from '../../components/form/FormDrawer';
import { MoneyInput } from '../../components/form/MoneyInput';
import { formatMoney } from '../../lib/format';
import { useLabel, useT } from '../../lib/i18n';
import { partsApi, refreshParts, stockApi } from './api';
import { milli, PartPicker, QtyInput, qtyRule, useQty } from './common';
import { COUNTER_TEXT, PARTS_TEXT } from './text';

export type StockAction = 'receive' | 'sale' | 'scrap';

interface Values {
  partId: number | null;
  location: string;
  quantity: string | null;
  unitCostFen: number | null;
  unitPriceFen: number | null;
  customer: string;
  reason: string;
}

/**
 * 入库 (without an order), 柜台销售 and 报废 of one part, in a drawer. A sale and a scrap ask for
 * confirmation first (money and stock leave); the part is fixed (part page) or picked (counter).
 */
export function StockActionDrawer({ action, part: fixed, onClose }: { action: StockAction | null; part?: Part | null; onClose: () => void }) {
  const t = useT({ ...PARTS_TEXT, ...COUNTER_TEXT });
  const label = useLabel();
  const qty = useQty();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const partId = Form.useWatch('partId', form) ?? fixed?.id ?? null;
  const picked = useQuery({ queryKey: [partsApi.key, 'record', partId], queryFn: () => partsApi.get(partId!), enabled: partId !== null && !fixed });
  const part = fixed ?? picked.data ?? null;
  const quantity = Form.useWatch('quantity', form);
  const price = Form.useWatch('unitPriceFen', form);
  const amount = quantity && price != null ? Math.round((milli(quantity) * price) / 1000) : null;

  const title = !action
    ? ''
    : action === 'sale' && !fixed
      ? t('saleTitle')
      : t(action === 'receive' ? 'receiveTitle' : action === 'sale' ? 'counterSaleTitle' : 'scrapTitle', { part: part ? `${part.partNo} ${part.name}` : '' });

  const submit = async (v: Values) => {
    const id = fixed?.id ?? v.partId;
    if (!id || !part) return;
    const q = String(v.quantity);
    const unit = label(PART_UNIT_LABELS, part.unit);
    const location = v.location?.trim() || undefined;
    if (action === 'sale' || action === 'scrap') {
      const ok = await modal.confirm({
        title: action === 'sale' ? t('saleConfirm', { qty: q, unit, part: part.name, amount: formatMoney(amount) }) : t('scrapConfirm', { qty: q, unit, part: part.name }),
        content: action === 'scrap' ? t('scrapConfirmContent') : undefined,
        okText: t('confirm'),
        okButtonProps: { danger: action === 'scrap' },
        cancelText: t('cancel'),
      });
      if (!ok) return;
    }
    if (action === 'receive') await stockApi.receive({ partId: id, location, quantity: q, unitCostFen: v.unitCostFen ?? part.costFen, reason: v.reason });
    else if (action === 'sale') await stockApi.counterSale({ partId: id, location, quantity: q, unitPriceFen: v.unitPriceFen ?? undefined, customer: v.customer ?? '', reason: v.reason ?? '' });
    else await stockApi.scrap({ partId: id, location, quantity: q, reason: v.reason });
    await refreshParts(client);
    message.success(action === 'sale' ? t('sold') : t('posted'));
    onClose();
  };

  return (
    <FormDrawer<Values>
      open={action !== null}
      title={title}
      form={form}
      initialValues={{ partId: fixed?.id ?? null, location: fixed?.defaultLocation ?? '', quantity: null, unitCostFen: fixed?.costFen ?? null, unitPriceFen: fixed?.retailPriceFen ?? null, customer: '', reason: '' }}
      initKey={`${action}:${fixed?.id ?? 'pick'}`}
      onSubmit={submit}
      onClose={onClose}
      submitText={action === 'receive' ? t('receive') : action === 'sale' ? t('counterSale') : t('scrap')}
      width={520}
      rename={{ partId: 'partId' }}
    >
      {action === 'receive' ? <div className="form-hint" style={{ marginBottom: 12 }}>{t('receiveHint')}</div> : null}
      {action === 'sale' && !fixed ? <div className="form-hint" style={{ marginBottom: 12 }}>{t('saleHint')}</div> : null}
      {fixed ? null : (
        <Form.Item name="partId" label={t('part')} rules={[{ required: true }]}>
          <PartPicker
            autoFocus
            placeholder={t('searchPart')}
            onChange={(_, p) => form.setFieldsValue({ location: p?.defaultLocation ?? '', unitPriceFen: p?.retailPriceFen ?? null, unitCostFen: p?.costFen ?? null })}
          />
        </Form.Item>
      )}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="quantity" label={t('quantity')} rules={[{ required: true, message: t('qtyInvalid') }, qtyRule(t('qtyInvalid'))]}>
            <QtyInput unit={part?.unit} autoFocus={Boolean(fixed)} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="location" label={t('location')}>
            <Input maxLength={30} placeholder={t('noLocation')} />
          </Form.Item>
        </Col>
      </Row>
      {action === 'receive' ? (
        <Form.Item name="unitCostFen" label={t('unitCost')} rules={[{ required: true }]}>
          <MoneyInput />
        </Form.Item>
      ) : null}
      {action === 'sale' ? (
        <>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="unitPriceFen" label={t('unitPrice')} rules={[{ required: true }]}>
                <MoneyInput />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label={t('amount')}>
                <div style={{ fontSize: 16, fontWeight: 600 }} data-testid="sale-amount">
                  {formatMoney(amount)}
                </div>
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="customer" label={t('customer')} rules={[{ max: 100 }]}>
            <Input maxLength={100} placeholder={t('optional')} />
          </Form.Item>
        </>
      ) : null}
      <Form.Item name="reason" label={action === 'sale' ? t('note') : t('reason')} rules={action === 'sale' ? [{ max: 200 }] : [{ required: true, whitespace: true }, { max: 200 }]}>
        <Input maxLength={200} placeholder={action === 'sale' ? t('optional') : undefined} />
      </Form.Item>
      {part ? (
        <div className="form-hint">
          {t('onHand')}：{qty(part.onHand, part.unit)}
        </div>
      ) : null}
    </FormDrawer>
  );
}
