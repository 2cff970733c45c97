import { CheckCircleTwoTone, CloudUploadOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Progress, Result, Row, Space, Table, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import type { ImportRejection, ImportReport } from '#contracts/customers-tools';
import { useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { formatNumber } from '../../lib/format';
import { useLang, useT } from '../../lib/i18n';
import { customersApi, SEARCH_KEY, VEHICLES_KEY } from './api';
import { checkFile, chooseFile, resetImport, runImport, useImportJob, watchImport } from './importJob';
import { IMPORT_TEXT } from './text';
import './customers.css';

function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function useElapsed(since: number | null, running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [running]);
  return since && running ? Math.max(0, Math.floor((now - since) / 1000)) : 0;
}

function Figure({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <div>
      <div className="stat-label">{label}</div>
      <div className="stat-value" style={color ? { color } : undefined}>
        {formatNumber(value)}
      </div>
    </div>
  );
}

function Problems({ rejected }: { rejected: ImportRejection[] }) {
  const t = useT(IMPORT_TEXT);
  const { lang } = useLang();
  const { message } = App.useApp();
  const exportProblems = async () => {
    const { exportToExcel } = await import('../../components/list/exportExcel');
    await exportToExcel(
      t('problemsName'),
      t('problemsName'),
      [t('row'), t('column'), t('reason')],
      rejected.map((r) => [r.row, r.column, r.reason[lang]]),
    );
    message.success(t('exported', { count: rejected.length }));
  };
  if (rejected.length === 0) return null;
  return (
    <Card
      size="small"
      title={`${t('problems')}（${formatNumber(rejected.length)}）`}
      extra={
        <Button size="small" icon={<DownloadOutlined />} onClick={() => void exportProblems()}>
          {t('exportProblems')}
        </Button>
      }
      style={{ marginTop: 12 }}
    >
      <Table<ImportRejection>
        size="small"
        data-testid="import-problems"
        rowKey={(r, i) => `${r.row}:${r.column}:${i ?? 0}`}
        dataSource={rejected}
        pagination={rejected.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
        columns={[
          { key: 'row', title: t('row'), width: 72, render: (_, r) => r.row },
          { key: 'column', title: t('column'), width: 220, render: (_, r) => r.column },
          { key: 'reason', title: t('reason'), render: (_, r) => r.reason[lang] },
        ]}
      />
    </Card>
  );
}

function Summary({ report, done }: { report: ImportReport; done: boolean }) {
  const t = useT(IMPORT_TEXT);
  const valid = report.rows - report.rejectedRows;
  return (
    <Row gutter={[24, 12]}>
      <Col xs={8} md={4}>
        <Figure label={t('rows')} value={report.rows} />
      </Col>
      <Col xs={8} md={4}>
        <Figure label={done ? t('importedRows') : t('valid')} value={done ? report.importedRows : valid} color="#389e0d" />
      </Col>
      <Col xs={8} md={4}>
        <Figure label={t('rejected')} value={report.rejectedRows} color={report.rejectedRows ? '#cf1322' : undefined} />
      </Col>
      <Col xs={8} md={4}>
        <Figure label={t('customersCreated')} value={report.customersCreated} />
      </Col>
      <Col xs={8} md={4}>
        <Figure label={t('customersMatched')} value={report.customersMatched} />
      </Col>
      <Col xs={8} md={4}>
        <Figure label={t('vehiclesCreated')} value={report.vehiclesCreated} />
      </Col>
    </Row>
  );
}

/**
 * 档案导入: download the template, pick the .xlsx, check it (dry run: every bad row with its column
 * and reason), then import the valid rows in one go. The job keeps running if the user leaves.
 */
export default function ImportPage() {
  const t = useT(IMPORT_TEXT);
  const { message, notification } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const me = useMe();
  const owner = `${me.user.id}:${me.store.id}`;
  const stored = useImportJob();
  // A job of another user or store (signed out and in again in this tab) is not shown.
  const job = stored.owner === null || stored.owner === owner ? stored : { ...stored, phase: 'idle' as const, file: null, check: null, result: null, error: null };
  const [downloading, setDownloading] = useState(false);
  const running = job.phase === 'checking' || job.phase === 'importing';
  const elapsed = useElapsed(job.startedAt, running);

  useEffect(() => watchImport(), []);

  const download = async () => {
    setDownloading(true);
    try {
      await customersApi.downloadTemplate();
      message.success(t('downloaded'));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setDownloading(false);
    }
  };

  const start = async () => {
    const result = await runImport((outcome) => {
      if ('report' in outcome) {
        notification.success({
          title: t('doneTitle'),
          description: t('doneNotice', { imported: outcome.report.importedRows, rejected: outcome.report.rejectedRows }),
          duration: 0,
        });
      } else {
        notification.error({ title: t('doneTitle'), description: t('failedNotice', { message: outcome.error }), duration: 0 });
      }
    });
    if (result) {
      await Promise.all([
        client.invalidateQueries({ queryKey: [customersApi.key] }),
        client.invalidateQueries({ queryKey: [VEHICLES_KEY] }),
        client.invalidateQueries({ queryKey: [SEARCH_KEY] }),
      ]);
    }
  };

  const check = job.check;
  const valid = check ? check.rows - check.rejectedRows : 0;

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card variant="borderless" title={`1. ${t('step1')}`}>
          <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 16, flexWrap: 'wrap' }}>
            <span style={{ color: 'rgba(0,0,0,0.65)' }}>{t('step1Hint')}</span>
            <Button icon={<FileExcelOutlined />} loading={downloading} onClick={() => void download()}>
              {t('download')}
            </Button>
          </div>
        </Card>

        {job.phase === 'done' && job.result ? (
          <Card variant="borderless" data-testid="import-result">
            <Result
              status="success"
              style={{ padding: '16px 0' }}
              title={t('doneTitle')}
              subTitle={t('doneNotice', { imported: job.result.importedRows, rejected: job.result.rejectedRows })}
              extra={[
                <Button key="list" type="primary" onClick={() => navigate('/customers')}>
                  {t('openCustomers')}
                </Button>,
                <Button key="again" onClick={resetImport}>
                  {t('again')}
                </Button>,
              ]}
            />
            <Summary report={job.result} done />
            <Problems rejected={job.result.rejected} />
          </Card>
        ) : (
          <Card variant="borderless" title={`2. ${t('step2')}`}>
            {job.file ? (
              <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap', marginBottom: 12 }}>
                <FileExcelOutlined style={{ fontSize: 20, color: '#1d6f42' }} />
                <span data-testid="import-file">{t('file', { name: job.file.name, size: fileSize(job.file.size) })}</span>
                <Upload
                  accept=".xlsx"
                  showUploadList={false}
                  disabled={running}
                  beforeUpload={(f) => {
                    chooseFile(f, owner);
                    return false;
                  }}
                >
                  <Button size="small" disabled={running}>
                    {t('changeFile')}
                  </Button>
                </Upload>
                <div style={{ flex: 1 }} />
                <Button type={job.phase === 'idle' ? 'primary' : 'default'} icon={<CheckCircleTwoTone />} loading={job.phase === 'checking'} disabled={running} onClick={() => void checkFile()}>
                  {job.phase === 'checking' ? t('checking') : t('check')}
                </Button>
              </div>
            ) : (
              <Upload.Dragger
                accept=".xlsx"
                multiple={false}
                showUploadList={false}
                beforeUpload={(f) => {
                  if (!f.name.toLowerCase().endsWith('.xlsx')) {
                    message.error(t('onlyXlsx'));
                    return Upload.LIST_IGNORE;
                  }
                  chooseFile(f, owner);
                  return false;
                }}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{t('dragger')}</p>
                <p className="ant-upload-hint">{t('draggerHint')}</p>
              </Upload.Dragger>
            )}
            {job.error ? <Alert type="error" showIcon title={job.error} style={{ marginTop: 12 }} /> : null}
            {job.phase === 'checking' ? (
              <div style={{ marginTop: 12 }}>
                <Progress percent={100} status="active" showInfo={false} />
                <span className="form-hint">{t('elapsed', { seconds: elapsed })}</span>
              </div>
            ) : null}
          </Card>
        )}

        {check && job.phase !== 'done' ? (
          <Card variant="borderless" title={`3. ${t('checkTitle')}`} data-testid="import-check">
            <Summary report={check} done={false} />
            <Alert
              style={{ marginTop: 12 }}
              type={valid === 0 ? 'error' : check.rejectedRows ? 'warning' : 'success'}
              showIcon
              title={valid === 0 ? t('nothingValid') : check.rejectedRows ? t('someBad', { rejected: check.rejectedRows, valid }) : t('allGood')}
              description={t('policy')}
            />
            <Problems rejected={check.rejected} />
            <div style={{ marginTop: 16 }}>
              {job.phase === 'importing' ? (
                <div data-testid="import-progress">
                  <div style={{ marginBottom: 4 }}>{t('importing')}</div>
                  <Progress percent={100} status="active" showInfo={false} />
                  <div className="form-hint">
                    {t('elapsed', { seconds: elapsed })} · {t('leaveOk')}
                  </div>
                </div>
              ) : (
                <Button type="primary" size="large" icon={<CloudUploadOutlined />} disabled={valid === 0} onClick={() => void start()}>
                  {t('start', { count: formatNumber(valid) })}
                </Button>
              )}
            </div>
          </Card>
        ) : null}
      </Space>
    </>
  );
}
