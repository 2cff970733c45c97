import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { Button, Select, Space, Table, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { hoursToHundredths, type ServiceItem } from '#contracts/service-items';
import { formatMoney } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { usePickerOptions, useRecordsById } from '../../lib/records';
import { serviceItemsApi } from '../service-items/api';
import { PACKAGE_TEXT } from './text';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return debounced;
}

function safeHundredths(hours: string): number {
  try {
    return hoursToHundredths(hours);
  } catch {
    return 0;
  }
}

const formatHundredths = (h: number) => (h / 100).toFixed(2);

interface Props {
  value?: number[];
  onChange?: (ids: number[]) => void;
  disabled?: boolean;
  id?: string;
}

/**
 * Picks a package's service items: search on the server as you type, then the chosen items in
 * the order they are done (and printed), with their hours, prices and a totals row.
 */
export function ServiceItemPicker({ value = [], onChange, disabled, id }: Props) {
  const t = useT(PACKAGE_TEXT);
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 250);
  const options = usePickerOptions(serviceItemsApi, q, 'code');
  const selected = useRecordsById(serviceItemsApi, value);
  const known = new Map<number, ServiceItem>(selected);
  for (const item of options.data?.items ?? []) known.set(item.id, item);

  const move = (index: number, delta: number) => {
    const next = [...value];
    const [moved] = next.splice(index, 1);
    if (moved === undefined) return;
    next.splice(index + delta, 0, moved);
    onChange?.(next);
  };
  const rows = value.map((itemId, index) => ({ index, itemId, item: known.get(itemId) }));
  const totalHours = rows.reduce((sum, r) => sum + (r.item ? safeHundredths(r.item.standardHours) : 0), 0);
  const totalPrice = rows.reduce((sum, r) => sum + (r.item?.priceFen ?? 0), 0);

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Select<number[]>
        id={id}
        mode="multiple"
        value={value}
        onChange={(ids) => onChange?.(ids)}
        disabled={disabled}
        showSearch={{ filterOption: false, onSearch: setSearch }}
        onBlur={() => setSearch('')}
        loading={options.isFetching}
        placeholder={t('pickItems')}
        maxTagCount="responsive"
        options={[...known.values()]
          .filter((item) => item.active || value.includes(item.id))
          .map((item) => ({ value: item.id, label: `${item.code} ${item.name}` }))}
        optionRender={(option) => {
          const item = known.get(Number(option.value));
          return (
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12 }}>
              <span>{option.label}</span>
              <span style={{ color: 'rgba(0,0,0,0.45)' }}>{item ? formatMoney(item.priceFen) : ''}</span>
            </div>
          );
        }}
      />
      {rows.length > 0 ? (
        <Table
          size="small"
          pagination={false}
          rowKey="itemId"
          dataSource={rows}
          columns={[
            { key: 'no', title: t('no'), width: 56, render: (_, r) => r.index + 1 },
            { key: 'code', title: t('itemCode'), width: 100, render: (_, r) => r.item?.code ?? '…' },
            { key: 'name', title: t('itemName'), render: (_, r) => r.item?.name ?? '…' },
            { key: 'hours', title: t('hours'), width: 80, align: 'right', render: (_, r) => r.item?.standardHours ?? '' },
            { key: 'price', title: t('price'), width: 110, align: 'right', render: (_, r) => (r.item ? formatMoney(r.item.priceFen) : '') },
            {
              key: 'actions',
              title: '',
              width: 96,
              render: (_, r) => (
                <Space size={0}>
                  <Tooltip title={t('moveUp')}>
                    <Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={t('moveUp')} disabled={disabled || r.index === 0} onClick={() => move(r.index, -1)} />
                  </Tooltip>
                  <Tooltip title={t('moveDown')}>
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowDownOutlined />}
                      aria-label={t('moveDown')}
                      disabled={disabled || r.index === rows.length - 1}
                      onClick={() => move(r.index, 1)}
                    />
                  </Tooltip>
                  <Tooltip title={t('remove')}>
                    <Button
                      type="text"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('remove')}
                      disabled={disabled}
                      onClick={() => onChange?.(value.filter((x) => x !== r.itemId))}
                    />
                  </Tooltip>
                </Space>
              ),
            },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}>
                <strong>{t('totals')}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                <strong>{formatHundredths(totalHours)}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                <strong>{formatMoney(totalPrice)}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} />
            </Table.Summary.Row>
          )}
        />
      ) : null}
    </Space>
  );
}
