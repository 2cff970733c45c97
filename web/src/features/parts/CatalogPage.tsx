import { DownloadOutlined, ImportOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Space, Table, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { PART_CATEGORY_LABELS, PART_ORIGIN_LABELS, PART_UNIT_LABELS, type Part, type PartImportReport } from '#contracts/parts';
import { useCan } from '../../app/auth';
import { ActiveTag } from '../../components/ActiveTag';
import { useRecordTarget } from '../../components/form/useRecordTarget';
import { useActiveFilter } from '../../components/list/commonFilters';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import { formatMoney } from '../../lib/format';
import { useLabel, useLang, useOptions, useT } from '../../lib/i18n';
import { usePickerOptions } from '../../lib/records';
import { vehicleModelName, vehicleModelsApi } from '../vehicle-models/api';
import { catalogFiles, partsApi, refreshParts } from './api';
import { PartNo } from './common';
import { PartDrawer } from './PartDrawer';
import { PARTS_TEXT } from './text';

/** 配件目录: search, maintain, Excel import and export. */
export default function CatalogPage() {
  const t = useT(PARTS_TEXT);
  const label = useLabel();
  const can = useCan();
  const canManage = can('part:manage');
  const drawer = useRecordTarget();
  const activeFilter = useActiveFilter();
  const categoryOptions = useOptions(PART_CATEGORY_LABELS);
  const originOptions = useOptions(PART_ORIGIN_LABELS);
  const models = usePickerOptions(vehicleModelsApi, '', 'brand');
  const [importing, setImporting] = useState(false);

  const columns = useMemo<ListColumn<Part>[]>(
    () => [
      {
        key: 'partNo',
        title: t('partNo'),
        sortField: 'partNo',
        width: 150,
        render: (p) => (
          <Link to={`/parts/stock/${p.id}`} onClick={(e) => e.stopPropagation()}>
            <PartNo>{p.partNo}</PartNo>
          </Link>
        ),
        exportValue: (p) => p.partNo,
      },
      { key: 'name', title: t('partName'), sortField: 'name', ellipsis: true },
      { key: 'brand', title: t('brand'), width: 90 },
      { key: 'origin', title: t('origin'), width: 80, render: (p) => label(PART_ORIGIN_LABELS, p.origin) },
      { key: 'category', title: t('category'), sortField: 'category', width: 90, render: (p) => label(PART_CATEGORY_LABELS, p.category) },
      { key: 'unit', title: t('unit'), width: 60, render: (p) => label(PART_UNIT_LABELS, p.unit) },
      { key: 'costFen', title: t('cost'), width: 100, align: 'right', render: (p) => formatMoney(p.costFen) },
      { key: 'retailPriceFen', title: t('retailPrice'), sortField: 'retailPriceFen', width: 100, align: 'right', render: (p) => formatMoney(p.retailPriceFen) },
      { key: 'defaultLocation', title: t('defaultLocation'), width: 90, render: (p) => p.defaultLocation || '—' },
      { key: 'onHand', title: t('onHand'), width: 80, align: 'right', render: (p) => p.onHand },
      { key: 'safetyStock', title: t('safetyStock'), width: 90, align: 'right', defaultHidden: true, render: (p) => p.safetyStock ?? t('safetyComputed') },
      { key: 'active', title: t('status'), width: 80, render: (p) => <ActiveTag active={p.active} />, exportValue: (p) => (p.active ? t('active') : t('inactive')) },
    ],
    [t, label],
  );
  const filters = useMemo<ListFilter[]>(
    () => [
      { kind: 'select', name: 'category', label: t('category'), options: categoryOptions, width: 150 },
      { kind: 'select', name: 'vehicleModelId', label: t('models'), options: (models.data?.items ?? []).map((m) => ({ value: String(m.id), label: vehicleModelName(m) })), width: 220 },
      { kind: 'select', name: 'origin', label: t('origin'), options: originOptions, width: 140 },
      activeFilter,
    ],
    [t, categoryOptions, originOptions, models.data, activeFilter],
  );
  const createButton = canManage ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={drawer.openNew}>
      {t('createPart')}
    </Button>
  ) : null;

  return (
    <>
      <ListPage<Part>
        title={t('catalogTitle')}
        description={t('catalogDescription')}
        listKey="parts-catalog"
        queryKey={partsApi.key}
        fetch={partsApi.list}
        columns={columns}
        rowKey={(p) => p.id}
        search={{ placeholder: t('catalogSearch') }}
        filters={filters}
        actions={
          <>
            {can('part:import') ? (
              <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
                {t('importExcel')}
              </Button>
            ) : null}
            {createButton}
          </>
        }
        onOpen={(p) => drawer.openRecord(p.id)}
        rowClassName={(p) => (p.active ? '' : 'row-inactive')}
        empty={{ title: t('catalogEmpty'), hint: t('catalogEmptyHint'), action: createButton }}
        exportName={t('catalogExport')}
        exportAllowed={can('part:export')}
        serverExport={(params) => catalogFiles.export(params)}
      />
      <PartDrawer target={drawer.target} onClose={drawer.close} canManage={canManage} />
      <ImportModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}

/** Excel import: template, a dry run that reports row/column/reason of every problem, then the import. */
function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT(PARTS_TEXT);
  const { lang } = useLang();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<PartImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setFile(null);
    setReport(null);
    setError(null);
    onClose();
  };
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const r = await catalogFiles.import(file, dryRun);
      setReport(r);
      if (!dryRun) {
        await refreshParts(client);
        message.success(t('importDone', { created: r.created, updated: r.updated, rejected: r.rejectedRows }));
      }
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('importTitle')}
      width={720}
      onCancel={close}
      footer={[
        <Button key="close" onClick={close}>
          {t('close')}
        </Button>,
        <Button key="check" disabled={!file} loading={busy && !report} onClick={() => void run(true)}>
          {t('checkFile')}
        </Button>,
        <Button key="run" type="primary" disabled={!report?.dryRun || report.created + report.updated === 0} loading={busy && Boolean(report)} onClick={() => void run(false)}>
          {t('runImport')}
        </Button>,
      ]}
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <div>{t('importStep1')}</div>
        <Space>
          <Button icon={<DownloadOutlined />} onClick={() => void catalogFiles.template().catch((e: Error) => message.error(e.message))}>
            {t('downloadTemplate')}
          </Button>
          <Upload
            accept=".xlsx"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(f) => {
              setFile(f);
              setReport(null);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>{t('chooseFile')}</Button>
          </Upload>
          {file ? <span className="form-hint">{t('fileChosen', { name: file.name })}</span> : null}
        </Space>
        {error ? <Alert type="error" showIcon title={error} /> : null}
        {report ? (
          <Alert
            type={report.rejectedRows ? 'warning' : 'success'}
            showIcon
            title={
              report.dryRun
                ? t('importChecked', { rows: report.rows, created: report.created, updated: report.updated, rejected: report.rejectedRows })
                : t('importDone', { created: report.created, updated: report.updated, rejected: report.rejectedRows })
            }
          />
        ) : null}
        {report && report.rejected.length ? (
          <Table
            size="small"
            rowKey={(r) => `${r.row}-${r.column}`}
            pagination={{ pageSize: 8, hideOnSinglePage: true }}
            dataSource={report.rejected}
            columns={[
              { key: 'row', title: t('importRow'), width: 70, render: (_, r) => r.row },
              { key: 'column', title: t('importColumn'), width: 160, render: (_, r) => r.column },
              { key: 'reason', title: t('reason'), render: (_, r) => r.reason[lang] },
            ]}
          />
        ) : null}
      </Space>
    </Modal>
  );
}
