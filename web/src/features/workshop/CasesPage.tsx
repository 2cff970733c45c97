import { CameraOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { FaultCase } from '#contracts/workshop';
import { useCan, useMe } from '../../app/auth';
import { FormDrawer } from '../../components/form/FormDrawer';
import { useRecordTarget, type RecordTarget } from '../../components/form/useRecordTarget';
import { ListPage } from '../../components/list/ListPage';
import type { ListColumn, ListFilter } from '../../components/list/types';
import { formatDate } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { CASES_KEY, photoDataUrl, workshopApi, type FaultCaseInput } from './api';
import { WS_TEXT } from './text';
import './workshop.css';

/** 典型故障案例库 (SPEC §6): technicians search it by model and symptom words; supervisors write cases. */
export default function CasesPage() {
  const t = useT(WS_TEXT);
  const can = useCan();
  const tz = useMe().store.timeZone;
  const canWrite = can('case:write');
  const drawer = useRecordTarget();
  const columns = useMemo<ListColumn<FaultCase>[]>(
    () => [
      { key: 'title', title: t('caseTitle'), width: 180 },
      { key: 'modelName', title: t('caseModel'), width: 160 },
      { key: 'symptom', title: t('symptom'), ellipsis: true },
      { key: 'fix', title: t('fix'), ellipsis: true },
      { key: 'authorName', title: t('author'), width: 100 },
      { key: 'createdAt', title: t('recordedAt'), width: 110, render: (c) => formatDate(c.createdAt, tz) },
    ],
    [t, tz],
  );
  const filters = useMemo<ListFilter[]>(() => [{ kind: 'text', name: 'model', label: t('caseModel'), placeholder: t('caseModel'), width: 160 }], [t]);
  const createButton = canWrite ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={drawer.openNew}>
      {t('newCase')}
    </Button>
  ) : null;
  return (
    <>
      <ListPage<FaultCase>
        title={t('casesTitle')}
        description={t('casesHint')}
        listKey="fault-cases"
        queryKey={CASES_KEY}
        fetch={workshopApi.cases}
        columns={columns}
        rowKey={(c) => c.id}
        search={{ placeholder: t('caseSearch') }}
        filters={filters}
        actions={createButton}
        onOpen={(c) => drawer.openRecord(c.id)}
        empty={{ title: t('noCases'), hint: t('noCasesHint'), action: createButton }}
        exportName={t('casesTitle')}
      />
      <CaseDrawer target={drawer.target} onClose={drawer.close} canWrite={canWrite} />
    </>
  );
}

const EMPTY: FaultCaseInput = { title: '', modelName: '', symptom: '', diagnosis: '', fix: '', roId: null, photos: [] };

function CaseDrawer({ target, onClose, canWrite }: { target: RecordTarget; onClose: () => void; canWrite: boolean }) {
  const t = useT(WS_TEXT);
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FaultCaseInput>();
  const id = typeof target === 'number' ? target : null;
  const record = useQuery({ queryKey: [CASES_KEY, id], queryFn: () => workshopApi.getCase(id!), enabled: id !== null });
  const [photos, setPhotos] = useState<string[] | null>(null);
  const shown = photos ?? record.data?.photos ?? [];
  const initial = record.data ? { title: record.data.title, modelName: record.data.modelName, symptom: record.data.symptom, diagnosis: record.data.diagnosis, fix: record.data.fix } : EMPTY;
  return (
    <FormDrawer<FaultCaseInput>
      open={target !== null}
      title={id === null ? t('newCase') : (record.data?.title ?? '')}
      form={form}
      width={640}
      initialValues={initial}
      initKey={`${id ?? 'new'}-${record.data?.version ?? 0}`}
      loading={id !== null && record.isLoading}
      readOnly={!canWrite}
      onReload={() => void record.refetch()}
      onClose={() => {
        setPhotos(null);
        onClose();
      }}
      onSubmit={async (v) => {
        const body = { ...v, roId: record.data?.roId ?? null, photos: shown };
        if (id === null) await workshopApi.createCase(body);
        else await workshopApi.updateCase(id, { ...body, version: record.data!.version });
        setPhotos(null);
        await queryClient.invalidateQueries({ queryKey: [CASES_KEY] });
        onClose();
      }}
    >
      <Form.Item name="title" label={t('caseTitle')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="modelName" label={t('caseModel')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="symptom" label={t('symptom')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="diagnosis" label={t('diagnosis')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea rows={4} maxLength={4000} />
      </Form.Item>
      <Form.Item name="fix" label={t('fix')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea rows={4} maxLength={4000} />
      </Form.Item>
      <Form.Item label={t('photos')}>
        {canWrite ? (
          <label className="ant-btn ant-btn-default" style={{ cursor: 'pointer', display: 'inline-flex', gap: 6, alignItems: 'center' }}>
            <CameraOutlined /> {t('takePhoto')}
            <input
              type="file"
              accept="image/*"
              capture="environment"
              hidden
              onChange={async (e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file && shown.length < 6) setPhotos([...shown, await photoDataUrl(file)]);
              }}
            />
          </label>
        ) : null}
        <div className="ws-photos">
          {shown.map((p, i) => (
            <img key={i} src={p} alt="" onClick={() => canWrite && setPhotos(shown.filter((_, k) => k !== i))} />
          ))}
        </div>
      </Form.Item>
    </FormDrawer>
  );
}
