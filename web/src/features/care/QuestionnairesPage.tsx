import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Drawer, Empty, Form, Input, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { DEFAULT_CALLBACK_QUESTIONS, QUESTION_TYPE_LABELS, type Question, type Questionnaire, type QuestionnaireInput } from '#contracts/care';
import { useCan } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/states';
import { isApiError } from '../../lib/api';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { careApi, CARE_KEY, useRefreshCare } from './api';
import { CARE_TEXT } from './text';

type Editing = { id: number | null; version: number; value: QuestionnaireInput };

/** 问卷设置 (SPEC §10): question sets with score, yes/no, choice and text answers; one is the default. */
export default function QuestionnairesPage() {
  const t = useT(CARE_TEXT);
  const can = useCan();
  const canManage = can('questionnaire:manage');
  const query = useQuery({ queryKey: [CARE_KEY, 'questionnaires'], queryFn: ({ signal }) => careApi.questionnaires(signal) });
  const [editing, setEditing] = useState<Editing | null>(null);
  const open = (q: Questionnaire) => setEditing({ id: q.id, version: q.version, value: { name: q.name, active: q.active, isDefault: q.isDefault, questions: q.questions } });
  const openNew = () => setEditing({ id: null, version: 0, value: { name: '', active: true, isDefault: false, questions: DEFAULT_CALLBACK_QUESTIONS.map((q) => ({ ...q })) } });
  return (
    <>
      <PageHeader
        title={t('qTitle')}
        description={t('qDescription')}
        actions={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={openNew}>
              {t('qNew')}
            </Button>
          ) : null
        }
      />
      <Card variant="borderless">
        {query.error ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Table<Questionnaire>
            size="small"
            rowKey="id"
            loading={query.isFetching}
            dataSource={query.data ?? []}
            pagination={false}
            className={canManage ? 'clickable-rows' : undefined}
            onRow={(q) => ({ onClick: () => canManage && open(q), onKeyDown: (e) => e.key === 'Enter' && canManage && open(q), tabIndex: 0 })}
            locale={{ emptyText: <Empty description={t('qEmpty')} /> }}
            columns={[
              { key: 'name', title: t('qName'), dataIndex: 'name' },
              { key: 'n', title: t('qQuestions'), align: 'right', render: (_, q) => q.questions.length },
              { key: 'd', title: t('qDefault'), render: (_, q) => (q.isDefault ? <Tag color="blue">{t('qDefault')}</Tag> : null) },
              { key: 'a', title: t('status'), render: (_, q) => (q.active ? <Tag color="green">{t('active')}</Tag> : <Tag>{t('inactive')}</Tag>) },
            ]}
          />
        )}
      </Card>
      {editing ? <QuestionnaireDrawer editing={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

function QuestionnaireDrawer({ editing, onClose }: { editing: Editing; onClose: () => void }) {
  const t = useT(CARE_TEXT);
  const label = useLabel();
  const { message } = App.useApp();
  const refresh = useRefreshCare();
  const typeOptions = useOptions(QUESTION_TYPE_LABELS);
  const [value, setValue] = useState<QuestionnaireInput>(editing.value);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => (editing.id === null ? careApi.createQuestionnaire(value) : careApi.updateQuestionnaire(editing.id, { ...value, version: editing.version })),
    onSuccess: async () => {
      message.success(t('saved'));
      await refresh();
      onClose();
    },
    onError: (e) => setError(isApiError(e) && e.fields.length ? e.fields.map((f) => `${f.path}: ${f.message}`).join('；') : e.message),
  });
  const setQuestion = (i: number, patch: Partial<Question>) => setValue((v) => ({ ...v, questions: v.questions.map((q, k) => (k === i ? { ...q, ...patch } : q)) }));
  return (
    <Drawer
      open
      title={editing.id === null ? t('qNew') : value.name}
      width={860}
      onClose={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
            {t('save')}
          </Button>
        </Space>
      }
    >
      <Form layout="vertical" component="div">
        <Space wrap align="end">
          <Form.Item label={t('qName')} required>
            <Input autoFocus style={{ width: 280 }} maxLength={60} value={value.name} onChange={(e) => setValue((v) => ({ ...v, name: e.target.value }))} />
          </Form.Item>
          <Form.Item label={t('qDefault')}>
            <Switch checked={value.isDefault} onChange={(c) => setValue((v) => ({ ...v, isDefault: c, active: c || v.active }))} />
          </Form.Item>
          <Form.Item label={t('active')}>
            <Switch checked={value.active} disabled={value.isDefault} onChange={(c) => setValue((v) => ({ ...v, active: c }))} />
          </Form.Item>
        </Space>
        {value.questions.map((q, i) => (
          <Card key={i} size="small" style={{ marginBottom: 8 }}>
            <Space wrap align="start">
              <Input aria-label={t('qCode')} placeholder={t('qCode')} style={{ width: 130 }} value={q.code} onChange={(e) => setQuestion(i, { code: e.target.value })} />
              <Input aria-label={t('qText')} placeholder={t('qText')} style={{ width: 330 }} value={q.text} onChange={(e) => setQuestion(i, { text: e.target.value })} />
              <Select aria-label={t('qType')} style={{ width: 130 }} options={typeOptions} value={q.type} onChange={(type) => setQuestion(i, { type })} />
              <Checkbox checked={q.required} onChange={(e) => setQuestion(i, { required: e.target.checked })}>
                {t('qRequired')}
              </Checkbox>
              <Button
                aria-label={t('delete')}
                icon={<DeleteOutlined />}
                disabled={value.questions.length <= 1}
                onClick={() => setValue((v) => ({ ...v, questions: v.questions.filter((_, k) => k !== i) }))}
              />
            </Space>
            {q.type === 'choice' ? (
              <Input.TextArea
                aria-label={t('qOptions')}
                placeholder={t('qOptions')}
                rows={2}
                style={{ marginTop: 8 }}
                value={q.options.join('\n')}
                onChange={(e) => setQuestion(i, { options: e.target.value.split('\n').map((s) => s.trim()).filter(Boolean) })}
              />
            ) : (
              <span className="care-muted">{label(QUESTION_TYPE_LABELS, q.type)}</span>
            )}
          </Card>
        ))}
        <Button
          icon={<PlusOutlined />}
          onClick={() => setValue((v) => ({ ...v, questions: [...v.questions, { code: `q${v.questions.length + 1}`, text: '', type: 'score', options: [], required: false }] }))}
        >
          {t('qAdd')}
        </Button>
        {error ? <div style={{ color: '#cf1322', marginTop: 12 }}>{error}</div> : null}
      </Form>
    </Drawer>
  );
}
