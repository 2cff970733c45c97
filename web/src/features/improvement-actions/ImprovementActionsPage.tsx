import { DownloadOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { Page } from '#contracts/common';
import {
  IMPROVEMENT_DEPARTMENT_LABELS,
  IMPROVEMENT_STATUS_LABELS,
  IMPROVEMENT_TRANSITIONS,
  type ImprovementAction,
  type ImprovementDepartment,
  type ImprovementStatus,
} from '#contracts/improvement-actions';
import { api, downloadFile, isApiError } from '../../lib/api';
import { useLabel, useOptions, useT } from '../../lib/i18n';

const TEXT = {
  title: { zh: '整改措施', en: 'Improvement actions' },
  add: { zh: '新增措施', en: 'New action' },
  edit: { zh: '修改措施', en: 'Edit action' },
  export: { zh: '导出Excel', en: 'Export Excel' },
  month: { zh: '月份', en: 'Month' },
  department: { zh: '部门', en: 'Department' },
  status: { zh: '状态', en: 'Status' },
  rank: { zh: '排名', en: 'Rank' },
  problem: { zh: '问题', en: 'Problem' },
  measure: { zh: '整改措施', en: 'Measure' },
  owner: { zh: '责任人', en: 'Owner' },
  supervisor: { zh: '监督人', en: 'Supervisor' },
  dueDate: { zh: '完成期限', en: 'Due date' },
  checkpoint: { zh: '检查节点', en: 'Checkpoint' },
  evidence: { zh: '证据', en: 'Evidence' },
  upload: { zh: '上传', en: 'Upload' },
  overdue: { zh: '逾期', en: 'Overdue' },
  moveTo: { zh: '改为{status}', en: 'Mark {status}' },
  empty: { zh: '本月还没有整改措施，点击“新增措施”制定TOP5', en: 'No actions yet: add this month’s TOP5' },
};

interface StaffOption {
  userId: number;
  displayName: string;
}

/** 整改措施 / TOP5: list by month, department and status; plan, move through the workflow, attach evidence. */
export default function ImprovementActionsPage() {
  const t = useT(TEXT);
  const label = useLabel();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [filters, setFilters] = useState<{ month?: string; department?: ImprovementDepartment; status?: ImprovementStatus }>({ month: dayjs().format('YYYY-MM') });
  /** The action being edited, 'new' for the add form, null when the form is closed. */
  const [editing, setEditing] = useState<ImprovementAction | 'new' | null>(null);
  const [form] = Form.useForm();
  const departments = useOptions(IMPROVEMENT_DEPARTMENT_LABELS);
  const statuses = useOptions(IMPROVEMENT_STATUS_LABELS);
  const list = useQuery({
    queryKey: ['improvement-actions', filters],
    queryFn: ({ signal }) => api.get<Page<ImprovementAction>>('/api/improvement-actions', { ...filters, pageSize: 200 }, signal),
  });
  const staff = useQuery({ queryKey: ['staff-options'], queryFn: ({ signal }) => api.get<Page<StaffOption>>('/api/staff', { pageSize: 200 }, signal) });
  const staffOptions = (staff.data?.items ?? []).map((s) => ({ value: s.userId, label: s.displayName }));
  const refresh = () => void client.invalidateQueries({ queryKey: ['improvement-actions'] });
  const fail = (e: unknown) => void message.error(isApiError(e) ? e.message : String(e));
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const body = { ...v, month: (v.month as dayjs.Dayjs).format('YYYY-MM'), dueDate: (v.dueDate as dayjs.Dayjs).format('YYYY-MM-DD') };
      // An edit is sent on the version it was read at: a concurrent change answers 409 instead of being overwritten.
      return editing && editing !== 'new'
        ? api.put<ImprovementAction>(`/api/improvement-actions/${editing.id}`, { ...body, version: editing.version })
        : api.post<ImprovementAction>('/api/improvement-actions', body);
    },
    onSuccess: () => {
      setEditing(null);
      form.resetFields();
      refresh();
    },
    onError: fail,
  });
  const move = useMutation({
    mutationFn: ({ a, status }: { a: ImprovementAction; status: ImprovementStatus }) => api.post<ImprovementAction>(`/api/improvement-actions/${a.id}/status`, { status, version: a.version }),
    onSuccess: refresh,
    onError: fail,
  });
  const openEdit = (a: ImprovementAction) => {
    setEditing(a);
    const { department, rank, problem, measure, ownerId, supervisorId, checkpoint } = a;
    form.setFieldsValue({ department, rank, problem, measure, ownerId, supervisorId, checkpoint, month: dayjs(`${a.month}-01`), dueDate: dayjs(a.dueDate) });
  };
  const upload = async (a: ImprovementAction, file: File) => {
    const dataUrl = await new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(file);
    });
    try {
      await api.post(`/api/improvement-actions/${a.id}/evidence`, { fileName: file.name, dataUrl });
      refresh();
    } catch (e) {
      fail(e);
    }
  };
  return (
    <div>
      <Space wrap style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <DatePicker picker="month" aria-label={t('month')} value={filters.month ? dayjs(`${filters.month}-01`) : null} onChange={(d) => setFilters({ ...filters, month: d ? d.format('YYYY-MM') : undefined })} />
        <Select allowClear placeholder={t('department')} style={{ width: 120 }} options={departments} value={filters.department} onChange={(v) => setFilters({ ...filters, department: v })} />
        <Select allowClear placeholder={t('status')} style={{ width: 120 }} options={statuses} value={filters.status} onChange={(v) => setFilters({ ...filters, status: v })} />
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            form.resetFields();
            setEditing('new');
          }}
        >
          {t('add')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => void downloadFile('/api/improvement-actions/export.xlsx', filters, 'improvement-actions.xlsx').catch(fail)}>
          {t('export')}
        </Button>
      </Space>
      <Table<ImprovementAction>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('empty') }}
        scroll={{ x: 1200 }}
        columns={[
          { title: t('month'), dataIndex: 'month', width: 80 },
          { title: t('department'), dataIndex: 'department', width: 70, render: (v: ImprovementDepartment) => label(IMPROVEMENT_DEPARTMENT_LABELS, v) },
          { title: t('rank'), dataIndex: 'rank', width: 50 },
          { title: t('problem'), dataIndex: 'problem' },
          { title: t('measure'), dataIndex: 'measure' },
          { title: t('owner'), dataIndex: 'ownerName', width: 80 },
          { title: t('dueDate'), dataIndex: 'dueDate', width: 100, render: (v: string, a) => (a.overdue ? <Tag color="red">{`${v} ${t('overdue')}`}</Tag> : v) },
          { title: t('supervisor'), dataIndex: 'supervisorName', width: 80 },
          { title: t('checkpoint'), dataIndex: 'checkpoint' },
          { title: t('status'), dataIndex: 'status', width: 80, render: (v: ImprovementStatus) => <Tag color={v === 'done' ? 'green' : v === 'in_progress' ? 'blue' : undefined}>{label(IMPROVEMENT_STATUS_LABELS, v)}</Tag> },
          {
            title: t('evidence'),
            key: 'evidence',
            width: 160,
            render: (_, a) => (
              <Space direction="vertical" size={2}>
                {a.evidence.map((e) => (
                  <a key={e.id} onClick={() => void downloadFile(`/api/improvement-actions/${a.id}/evidence/${e.id}`, undefined, e.fileName).catch(fail)}>
                    {e.fileName}
                  </a>
                ))}
                <Upload showUploadList={false} accept="image/*,.pdf,.docx,.xlsx" beforeUpload={(file) => (void upload(a, file), false)}>
                  <Button size="small" icon={<UploadOutlined />}>
                    {t('upload')}
                  </Button>
                </Upload>
              </Space>
            ),
          },
          {
            key: 'actions',
            width: 120,
            render: (_, a) => (
              <Space direction="vertical" size={2}>
                <Button size="small" icon={<EditOutlined />} onClick={() => openEdit(a)} data-testid={`edit-action-${a.id}`}>
                  {t('edit')}
                </Button>
                {IMPROVEMENT_TRANSITIONS[a.status].map((s) => (
                  <Button key={s} size="small" onClick={() => move.mutate({ a, status: s })}>
                    {t('moveTo', { status: label(IMPROVEMENT_STATUS_LABELS, s) })}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('add') : t('edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ month: dayjs(), rank: 1 }}>
          <Form.Item name="month" label={t('month')} rules={[{ required: true }]}>
            <DatePicker picker="month" />
          </Form.Item>
          <Form.Item name="department" label={t('department')} rules={[{ required: true }]}>
            <Select options={departments} />
          </Form.Item>
          <Form.Item name="rank" label={t('rank')} rules={[{ required: true }]}>
            <InputNumber min={1} max={5} />
          </Form.Item>
          <Form.Item name="problem" label={t('problem')} rules={[{ required: true }]}>
            <Input.TextArea maxLength={500} autoSize />
          </Form.Item>
          <Form.Item name="measure" label={t('measure')} rules={[{ required: true }]}>
            <Input.TextArea maxLength={1000} autoSize />
          </Form.Item>
          <Form.Item name="ownerId" label={t('owner')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={staffOptions} />
          </Form.Item>
          <Form.Item name="supervisorId" label={t('supervisor')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={staffOptions} />
          </Form.Item>
          <Form.Item name="dueDate" label={t('dueDate')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="checkpoint" label={t('checkpoint')} rules={[{ required: true }]}>
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
