import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Col, Descriptions, Form, Input, Row, Select } from 'antd';
import { ROLE_LABELS, SKILL_GRADES, SKILL_GRADE_LABELS, type SkillGrade } from '#contracts/roles';
import type { StaffMember } from '#contracts/staff';
import { FormDrawer } from '../../components/form/FormDrawer';
import type { RecordTarget } from '../../components/form/useRecordTarget';
import { ErrorState } from '../../components/states';
import { useLabel, useOptions, useT } from '../../lib/i18n';
import { staffApi } from './api';
import { CertificationsSection } from './CertificationsSection';
import { STAFF_TEXT } from './text';

interface Values {
  skillGrade: SkillGrade | null;
  team: string | null;
}

/** One member's profile: skill grade and team (a small form), and their certifications below it. */
export function StaffDrawer({ target, onClose, canManage, today }: { target: RecordTarget; onClose: () => void; canManage: boolean; today: string }) {
  const t = useT(STAFF_TEXT);
  const label = useLabel();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const gradeOptions = useOptions(SKILL_GRADE_LABELS, SKILL_GRADES);
  const userId = typeof target === 'number' ? target : null;

  const record = useQuery({ queryKey: [staffApi.key, 'record', userId], queryFn: () => staffApi.get(userId!), enabled: userId !== null });
  const member: StaffMember | null = record.data ?? null;

  const save = useMutation({
    mutationFn: (v: Values) => staffApi.updateProfile(member!.userId, { skillGrade: v.skillGrade ?? null, team: v.team?.trim() || null, version: member!.version }),
    onSuccess: async (m) => {
      client.setQueryData([staffApi.key, 'record', m.userId], m);
      await client.invalidateQueries({ queryKey: [staffApi.key] });
      // The users list shows grade and team too.
      await client.invalidateQueries({ queryKey: ['users'] });
      message.success(t('saved'));
      onClose();
    },
  });

  const title = member ? `${t('edit')}：${member.displayName}` : t('edit');
  if (userId !== null && record.isError) {
    return (
      <FormDrawer open title={title} form={form} initialValues={{}} initKey="error" onSubmit={async () => {}} onClose={onClose} readOnly>
        <ErrorState error={record.error} onRetry={() => void record.refetch()} />
      </FormDrawer>
    );
  }

  return (
    <FormDrawer<Values>
      open={userId !== null}
      title={title}
      form={form}
      initialValues={member ? { skillGrade: member.skillGrade, team: member.team } : {}}
      initKey={member ? `${member.userId}:${member.version}` : 'loading'}
      loading={record.isPending}
      onSubmit={(v) => save.mutateAsync(v)}
      onClose={onClose}
      onReload={() => void record.refetch()}
      readOnly={!canManage}
      width={720}
      after={member ? <CertificationsSection member={member} canManage={canManage} today={today} /> : null}
    >
      {member ? (
        <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('displayName')}>{member.displayName}</Descriptions.Item>
          <Descriptions.Item label={t('username')}>{member.username}</Descriptions.Item>
          <Descriptions.Item label={t('role')}>{label(ROLE_LABELS, member.role)}</Descriptions.Item>
          <Descriptions.Item label={t('status')}>{member.active ? t('active') : t('inactive')}</Descriptions.Item>
        </Descriptions>
      ) : null}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="skillGrade" label={t('skillGrade')}>
            <Select allowClear options={gradeOptions} placeholder={t('noGrade')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="team" label={t('team')} extra={t('teamHint')} rules={[{ max: 40 }]}>
            <Input maxLength={40} />
          </Form.Item>
        </Col>
      </Row>
    </FormDrawer>
  );
}
