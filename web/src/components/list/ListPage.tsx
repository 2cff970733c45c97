import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Table, Tooltip, type TableColumnType, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { isValidElement, useMemo, useState, type ReactNode } from 'react';
import type { Page } from '#contracts/common';
import type { ListParams, QueryParams } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { PageHeader } from '../PageHeader';
import { EmptyState, ErrorState } from '../states';
import { ColumnChooser } from './ColumnChooser';
import { ListFilters } from './ListFilters';
import { useColumnPrefs } from './columnPrefs';
import { filterParams, type CellValue, type ListColumn, type ListFilter } from './types';
import { PAGE_SIZES, useListState } from './useListState';

const TEXT = {
  noMatch: { zh: '没有符合条件的记录', en: 'Nothing matches' },
  noMatchHint: { zh: '请调整搜索词或筛选条件', en: 'Change the search words or the filters' },
  clearFilters: { zh: '清除筛选', en: 'Clear filters' },
  totalCapped: { zh: '共 {total}+ 条', en: '{total}+ records' },
};

export interface ListPageProps<T> {
  title: string;
  description?: ReactNode;
  /** Remembers the column choice; also names nothing else. */
  listKey: string;
  /** Query-key root of the resource (`bays`): saving a record refreshes every list under it. */
  queryKey: string;
  /** A page of rows; `totalCapped` (lists that stop counting at a cap) shows the total as `10,000+`. */
  fetch: (params: ListParams, signal?: AbortSignal) => Promise<Page<T> & { totalCapped?: boolean }>;
  columns: ListColumn<T>[];
  rowKey: (record: T) => string | number;
  search?: { placeholder: string } | false;
  filters?: ListFilter[];
  /** Parameters always sent (not in the URL). */
  fixedParams?: QueryParams;
  /** Buttons of the page header: 新建… */
  actions?: ReactNode;
  /** Row click (or Enter on a focused row) opens the record. */
  onOpen?: (record: T) => void;
  /** What to do when the list is empty without any filter. */
  empty: { title: string; hint?: string; action?: ReactNode };
  /** File name of the Excel export, without the date. */
  exportName: string;
  /** False hides the export button (personal data that only some roles may take away). */
  exportAllowed?: boolean;
  /**
   * The server writes the file instead (all rows matching the filters, audit-logged): called with the
   * list's current search, filters and sort, without paging.
   */
  serverExport?: (params: Omit<ListParams, 'page' | 'pageSize'>) => Promise<unknown>;
  rowClassName?: (record: T) => string;
}

function textOf(node: ReactNode): CellValue {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return node;
  if (Array.isArray(node)) return node.map((n) => String(textOf(n as ReactNode) ?? '')).join('');
  if (isValidElement<{ children?: ReactNode }>(node)) return textOf(node.props.children);
  return '';
}

function cellOf<T>(column: ListColumn<T>, record: T): CellValue {
  if (column.exportValue) return column.exportValue(record);
  if (column.render) return textOf(column.render(record));
  const value = (record as Record<string, unknown>)[column.key];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : value == null ? '' : JSON.stringify(value);
}

/**
 * The list screen every module reuses: search, filters, server-side sorting and paging kept in the
 * URL, dense rows under a sticky header, a column chooser, Excel export of what is shown, a row
 * click that opens the record, and empty and error states that say what to do.
 */
export function ListPage<T extends object>(props: ListPageProps<T>) {
  const t = useT(TEXT);
  const { message } = App.useApp();
  const filters = props.filters ?? [];
  const state = useListState(filterParams(filters));
  const params = useMemo(() => ({ ...props.fixedParams, ...state.params }), [props.fixedParams, state.params]);
  const { fetch } = props;
  const query = useQuery({
    queryKey: [props.queryKey, 'list', params],
    queryFn: ({ signal }) => fetch(params, signal),
    placeholderData: keepPreviousData,
  });

  const defaults = useMemo(() => props.columns.filter((c) => !c.defaultHidden).map((c) => c.key), [props.columns]);
  const prefs = useColumnPrefs(props.listKey, defaults);
  const shown = props.columns.filter((c) => prefs.visible.includes(c.key));
  const [exporting, setExporting] = useState(false);

  const columns: TableColumnType<T>[] = shown.map((c) => ({
    key: c.key,
    title: c.title,
    width: c.width,
    align: c.align,
    ellipsis: c.ellipsis,
    sorter: c.sortField !== undefined,
    sortOrder: c.sortField !== undefined && params.sort === c.sortField ? (params.order === 'desc' ? 'descend' : 'ascend') : null,
    render: (_: unknown, record: T) => (c.render ? c.render(record) : ((record as Record<string, ReactNode>)[c.key] ?? '—')),
  }));

  const onChange: TableProps<T>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'paginate') {
      const size = pagination.pageSize ?? params.pageSize;
      state.update({ page: size === params.pageSize ? (pagination.current ?? 1) : 1, pageSize: size });
    } else if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const column = props.columns.find((c) => c.key === s?.columnKey);
      state.update(s?.order && column?.sortField ? { sort: column.sortField, order: s.order === 'descend' ? 'desc' : 'asc' } : { sort: undefined, order: undefined });
    }
  };

  const exportShown = async () => {
    const rows = query.data?.items ?? [];
    setExporting(true);
    try {
      if (props.serverExport) {
        // eslint-disable-next-line @typescript-eslint/no-unused-vars -- paging is not part of an export
        const { page, pageSize, ...rest } = params;
        await props.serverExport(rest);
        return;
      }
      const { exportToExcel } = await import('./exportExcel');
      const stamp = dayjs().format('YYYYMMDD-HHmm');
      await exportToExcel(
        `${props.exportName}-${stamp}`,
        props.exportName,
        shown.map((c) => c.title),
        rows.map((r) => shown.map((c) => cellOf(c, r))),
      );
      message.success(t('exported', { count: rows.length }));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setExporting(false);
    }
  };

  const emptyText = state.hasFilters ? (
    <EmptyState title={t('noMatch')} hint={t('noMatchHint')} action={<Button onClick={state.clearFilters}>{t('clearFilters')}</Button>} />
  ) : (
    <EmptyState {...props.empty} />
  );

  const onOpen = props.onOpen;
  return (
    <>
      <PageHeader title={props.title} description={props.description} actions={props.actions} />
      <Card variant="borderless" styles={{ body: { padding: 16 } }}>
        <div className="list-toolbar">
          <ListFilters state={state} filters={filters} search={props.search} />
          <div className="list-actions">
            <Tooltip title={t('refresh')}>
              <Button icon={<ReloadOutlined />} aria-label={t('refresh')} onClick={() => void query.refetch()} />
            </Tooltip>
            {props.exportAllowed === false ? null : (
              <Button icon={<DownloadOutlined />} loading={exporting} disabled={!query.data?.items.length} onClick={() => void exportShown()}>
                {t('export')}
              </Button>
            )}
            <ColumnChooser columns={props.columns} visible={prefs.visible} isDefault={prefs.isDefault} onChange={prefs.setVisible} />
          </div>
        </div>
        {query.isError && !query.data ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Table<T>
            className={onOpen ? 'clickable-rows' : undefined}
            size="small"
            rowKey={props.rowKey}
            columns={columns}
            dataSource={query.data?.items ?? []}
            loading={query.isFetching}
            sticky={{ offsetHeader: 56 }}
            scroll={{ x: 'max-content' }}
            showSorterTooltip={false}
            sortDirections={['ascend', 'descend']}
            rowClassName={props.rowClassName}
            locale={{ emptyText: query.isPending ? ' ' : emptyText }}
            onChange={onChange}
            onRow={
              onOpen
                ? (record) => ({
                    onClick: () => onOpen(record),
                    onKeyDown: (e) => {
                      if (e.key === 'Enter') onOpen(record);
                    },
                    tabIndex: 0,
                  })
                : undefined
            }
            pagination={{
              current: params.page,
              pageSize: params.pageSize,
              total: query.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES,
              showTotal: (total) => (query.data?.totalCapped ? t('totalCapped', { total: total.toLocaleString('en-US') }) : t('total', { total })),
              hideOnSinglePage: false,
            }}
          />
        )}
      </Card>
    </>
  );
}
