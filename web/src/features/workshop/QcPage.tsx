import { App, Button, Card, Empty, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { JOB_TYPE_LABELS, JOB_TYPES, type JobType } from '#contracts/stores';
import { QC_LEVEL_LABELS, type Job } from '#contracts/workshop';
import { useCan, useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/states';
import { isApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { Plate } from '../repair-orders/display';
import { api } from '../../lib/api';
import { WORKSHOP_KEY, workshopApi } from './api';
import { InspectionModal } from './TechnicianPage';
import { useBoardEvents } from './useBoardEvents';
import { WS_TEXT } from './text';
import './workshop.css';

type Level = 'team' | 'final';

/**
 * 互检 (level team) or 终检 (level final) of SPEC §6 三级质检: the jobs waiting for the level; the
 * final inspection page also keeps the store's checklists.
 */
export function QcPage({ level }: { level: Level }) {
  const t = useT(WS_TEXT);
  const label = useLabel();
  const can = useCan();
  return (
    <div>
      <PageHeader title={`${t('qcTitle')} · ${label(QC_LEVEL_LABELS, level)}`} description={t('qcHint')} />
      <Tabs
        items={[
          { key: level, label: t('qcQueue'), children: <Queue level={level} /> },
          ...(level === 'final' && can('qc:final_inspect') ? [{ key: 'checklists', label: t('checklistTitle'), children: <Checklists /> }] : []),
        ]}
      />
    </div>
  );
}

export default function TeamCheckPage() {
  return <QcPage level="team" />;
}

function Queue({ level }: { level: Level }) {
  const t = useT(WS_TEXT);
  const tz = useMe().store.timeZone;
  const query = useQuery({ queryKey: [WORKSHOP_KEY, 'qc', level], queryFn: () => api.get<Job[]>(`/api/workshop/qc/${level}`) });
  const refetch = query.refetch;
  useBoardEvents(useCallback(() => void refetch(), [refetch]));
  const [inspecting, setInspecting] = useState<Job | null>(null);
  if (query.error) return <ErrorState error={query.error} onRetry={() => void refetch()} />;
  return (
    <Card size="small" title={t('qcQueue')}>
      <Table<Job>
        size="small"
        rowKey="id"
        loading={query.isLoading}
        dataSource={query.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={<><div>{t('noQc')}</div><Typography.Text type="secondary">{t('noQcHint')}</Typography.Text></>} /> }}
        onRow={(j) => ({ onDoubleClick: () => setInspecting(j) })}
        columns={[
          { key: 'plate', title: t('plate'), width: 110, render: (_, j) => <Plate plate={j.plate} /> },
          { key: 'ro', title: t('roNumber'), dataIndex: 'roNumber', width: 150 },
          { key: 'desc', title: t('description'), dataIndex: 'description' },
          { key: 'techs', title: t('technician'), width: 160, render: (_, j) => j.technicians.map((x) => x.name).join('、') },
          { key: 'finished', title: t('finish'), width: 150, render: (_, j) => formatDateTime(j.finishedAt, tz) },
          { key: 'rework', title: t('reworkRos'), width: 90, render: (_, j) => (j.reworkCount ? <Tag color="red">{j.reworkCount}</Tag> : '—') },
          {
            key: 'go',
            title: t('actions'),
            width: 100,
            render: (_, j) => (
              <Button type="primary" size="small" onClick={() => setInspecting(j)}>
                {t('inspect')}
              </Button>
            ),
          },
        ]}
      />
      {inspecting ? <InspectionModal job={inspecting} level={level} onClose={() => setInspecting(null)} /> : null}
    </Card>
  );
}

function Checklists() {
  const t = useT(WS_TEXT);
  const options = useOptions(JOB_TYPE_LABELS, JOB_TYPES);
  const [jobType, setJobType] = useState<JobType>('mechanical');
  const query = useQuery({ queryKey: [WORKSHOP_KEY, 'checklist', jobType], queryFn: () => workshopApi.checklist(jobType) });
  return (
    <Card size="small" title={t('checklistTitle')} extra={<Typography.Text type="secondary">{t('checklistHint')}</Typography.Text>}>
      <Space direction="vertical" style={{ width: '100%', maxWidth: 640 }}>
        <Select value={jobType} onChange={setJobType} options={options} style={{ width: 200 }} />
        {query.data ? <ChecklistEditor key={`${jobType}-${query.dataUpdatedAt}`} jobType={jobType} initial={query.data.map((i) => i.text).join('\n')} /> : null}
      </Space>
    </Card>
  );
}

/** The items of one job type, one a line; a fresh editor for every list read from the server. */
function ChecklistEditor({ jobType, initial }: { jobType: JobType; initial: string }) {
  const t = useT(WS_TEXT);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [text, setText] = useState(initial);
  const save = useMutation({
    mutationFn: () => workshopApi.saveChecklist(jobType, text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => ({ text: l }))),
    onSuccess: () => {
      message.success(t('saved'));
      void queryClient.invalidateQueries({ queryKey: [WORKSHOP_KEY, 'checklist'] });
    },
    onError: (err) => message.error(isApiError(err) ? err.message : String(err)),
  });
  return (
    <>
      <Input.TextArea rows={10} value={text} onChange={(e) => setText(e.target.value)} />
      <Button type="primary" loading={save.isPending} onClick={() => save.mutate()} disabled={text.trim() === ''}>
        {t('save')}
      </Button>
    </>
  );
}
