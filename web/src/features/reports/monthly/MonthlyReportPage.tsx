import { DownloadOutlined, PrinterOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Input, Row, Segmented, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { EChartsOption } from 'echarts';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  formatFigure,
  MONTHLY_REPORT_KINDS,
  MONTHLY_REPORT_LABELS,
  type ChartBlock,
  type MonthlyReport,
  type MonthlyReportKind,
  type ReportBlock,
  type ReportComment,
  type ReportSection,
} from '#contracts/monthly-reports';
import { api, downloadFile, isApiError } from '../../../lib/api';
import { useLang, useT } from '../../../lib/i18n';
import { Chart } from '../Chart';

const TEXT = {
  title: { zh: '月度报告', en: 'Monthly reports' },
  month: { zh: '月份', en: 'Month' },
  exportPpt: { zh: '导出PPT', en: 'Export PPT' },
  exportXlsx: { zh: '导出Excel', en: 'Export Excel' },
  print: { zh: '打印', en: 'Print' },
  problems: { zh: '问题与挑战', en: 'Problems and challenges' },
  plan: { zh: '下月行动计划', en: "Next month's action plan" },
  save: { zh: '保存评述', en: 'Save commentary' },
  saved: { zh: '已保存', en: 'Saved' },
  savedBy: { zh: '{name} 于 {at} 保存', en: 'Saved by {name} at {at}' },
  snapshot: { zh: '本月指标取自月末冻结值', en: 'Figures of this month are its month-end frozen values' },
  previous: { zh: '上月', en: 'Last month' },
  target: { zh: '目标', en: 'Target' },
  exported: { zh: '已导出 {name}', en: 'Exported {name}' },
};

function chartOption(block: ChartBlock): EChartsOption {
  const pct = block.unit === 'ratio';
  const values = (v: (number | null)[]) => v.map((x) => (x === null ? null : pct ? Math.round(x * 1000) / 10 : x));
  if (block.chart === 'pie') {
    return {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [{ type: 'pie', radius: ['35%', '65%'], data: block.categories.map((name, i) => ({ name, value: block.series[0]?.values[i] ?? 0 })) }],
    };
  }
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 50, right: 20, top: 20, bottom: 50 },
    xAxis: { type: 'category', data: block.categories },
    yAxis: { type: 'value', axisLabel: { formatter: pct ? '{value}%' : '{value}' } },
    series: block.series.map((s) => ({
      name: s.name,
      type: block.chart === 'line' ? 'line' : 'bar',
      stack: block.chart === 'stacked' ? 'total' : undefined,
      data: values(s.values),
      connectNulls: true,
    })),
  };
}

function Block({ block }: { block: ReportBlock }) {
  const t = useT(TEXT);
  if (block.type === 'note') return <Alert type="info" showIcon title={block.text} />;
  if (block.type === 'chart') {
    return (
      <Card size="small" title={block.title}>
        <Chart option={chartOption(block)} height={260} />
      </Card>
    );
  }
  if (block.type === 'figures') {
    return (
      <Card size="small" title={block.title}>
        <Row gutter={[16, 16]}>
          {block.items.map((i) => (
            <Col key={i.key} xs={12} md={8} xl={6} data-testid={`figure-${i.key}`}>
              <Statistic title={i.label} value={formatFigure(i.value, i.unit)} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('previous')} {formatFigure(i.previous, i.unit)} · {t('target')} {formatFigure(i.target, i.unit)}
              </Typography.Text>
              {i.note ? <div style={{ fontSize: 12, color: '#999' }}>{i.note}</div> : null}
            </Col>
          ))}
        </Row>
      </Card>
    );
  }
  return (
    <Card size="small" title={block.title}>
      <Table
        size="small"
        pagination={false}
        rowKey={(_, i) => String(i)}
        dataSource={block.rows}
        scroll={{ x: true }}
        columns={block.columns.map((c) => ({
          key: c.key,
          title: c.label,
          dataIndex: c.key,
          align: c.unit === 'text' ? 'left' : 'right',
          render: (v: string | number | null) => (typeof v === 'number' && c.unit !== 'text' ? formatFigure(v, c.unit) : (v ?? '—')),
        }))}
      />
    </Card>
  );
}

function Commentary({ kind, month, section }: { kind: MonthlyReportKind; month: string; section: ReportSection }) {
  const t = useT(TEXT);
  const { message } = App.useApp();
  const client = useQueryClient();
  const [problems, setProblems] = useState(section.comment.problems);
  const [plan, setPlan] = useState(section.comment.plan);
  const save = useMutation({
    mutationFn: () => api.put<ReportComment>(`/api/monthly-reports/${kind}/comments/${section.key}`, { month, problems, plan, version: section.comment.version }),
    onSuccess: () => {
      void message.success(t('saved'));
      void client.invalidateQueries({ queryKey: ['monthly-report', kind, month] });
    },
    onError: (e) => void message.error(isApiError(e) ? e.message : String(e)),
  });
  return (
    <Row gutter={16} className="monthly-commentary" data-testid={`commentary-${section.key}`}>
      <Col xs={24} md={12}>
        <Typography.Text strong>{t('problems')}</Typography.Text>
        <Input.TextArea aria-label={t('problems')} value={problems} onChange={(e) => setProblems(e.target.value)} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
      </Col>
      <Col xs={24} md={12}>
        <Typography.Text strong>{t('plan')}</Typography.Text>
        <Input.TextArea aria-label={t('plan')} value={plan} onChange={(e) => setPlan(e.target.value)} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
      </Col>
      <Col span={24} style={{ marginTop: 8 }} className="no-print">
        <Space>
          <Button icon={<SaveOutlined />} loading={save.isPending} onClick={() => save.mutate()} disabled={problems === section.comment.problems && plan === section.comment.plan}>
            {t('save')}
          </Button>
          {section.comment.updatedByName ? (
            <Typography.Text type="secondary">{t('savedBy', { name: section.comment.updatedByName, at: dayjs(section.comment.updatedAt).format('YYYY-MM-DD HH:mm') })}</Typography.Text>
          ) : null}
        </Space>
      </Col>
    </Row>
  );
}

/** 月度报告: the manager's 售后月度工作总结 and the 客服部月报, with commentary and PPT / Excel exports. */
export default function MonthlyReportPage() {
  const t = useT(TEXT);
  const { lang } = useLang();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const kind = (MONTHLY_REPORT_KINDS as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as MonthlyReportKind) : 'manager';
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? params.get('month')! : dayjs().subtract(1, 'month').format('YYYY-MM');
  const set = (next: { kind?: string; month?: string }) => setParams({ kind: next.kind ?? kind, month: next.month ?? month });
  const report = useQuery({
    queryKey: ['monthly-report', kind, month, lang],
    queryFn: ({ signal }) => api.get<MonthlyReport>(`/api/monthly-reports/${kind}`, { month }, signal),
  });
  const download = async (format: 'pptx' | 'xlsx') => {
    try {
      const name = await downloadFile(`/api/monthly-reports/${kind}/export.${format}`, { month }, `${kind}-${month}.${format}`);
      void message.success(t('exported', { name }));
    } catch (e) {
      void message.error(isApiError(e) ? e.message : String(e));
    }
  };
  return (
    <div className="monthly-report">
      <Space wrap style={{ marginBottom: 16 }} className="no-print">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Segmented
          value={kind}
          onChange={(v) => set({ kind: String(v) })}
          options={MONTHLY_REPORT_KINDS.map((k) => ({ value: k, label: MONTHLY_REPORT_LABELS[k][lang] }))}
        />
        <DatePicker picker="month" allowClear={false} aria-label={t('month')} value={dayjs(`${month}-01`)} onChange={(d: Dayjs | null) => d && set({ month: d.format('YYYY-MM') })} />
        <Button icon={<DownloadOutlined />} onClick={() => void download('pptx')} data-testid="export-pptx">
          {t('exportPpt')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => void download('xlsx')} data-testid="export-xlsx">
          {t('exportXlsx')}
        </Button>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('print')}
        </Button>
      </Space>
      {report.error ? <Alert type="error" showIcon title={isApiError(report.error) ? report.error.message : String(report.error)} /> : null}
      {report.data ? (
        <>
          <Typography.Title level={4}>
            {report.data.storeName} · {report.data.title} · {report.data.month}
          </Typography.Title>
          {report.data.fromSnapshot ? <Alert type="info" showIcon title={t('snapshot')} style={{ marginBottom: 12 }} /> : null}
          {report.data.sections.map((s, n) => (
            <Card key={s.key} title={`${n + 1}. ${s.title}`} style={{ marginBottom: 16, breakInside: 'avoid' }} data-testid={`section-${s.key}`}>
              <Row gutter={[16, 16]}>
                {s.blocks.map((b, i) => (
                  <Col key={i} xs={24} xl={b.type === 'chart' ? 12 : 24}>
                    <Block block={b} />
                  </Col>
                ))}
              </Row>
              <div style={{ marginTop: 16 }}>
                {/* Keyed by the saved version: a save (or another month) starts the fields from the stored text. */}
                <Commentary key={`${kind}-${month}-${s.key}-${s.comment.version}`} kind={kind} month={month} section={s} />
              </div>
            </Card>
          ))}
        </>
      ) : (
        <Card loading />
      )}
    </div>
  );
}
