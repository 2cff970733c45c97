import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Form, Input, Row, Select, Tag, Tooltip } from 'antd';
import { PASSWORD_MIN_LENGTH, type UserCreate, type UserUpdate } from '#contracts/identity';
import { GROUP_ROLES, ROLES, ROLE_LABELS, SKILL_GRADES, SKILL_GRADE_LABELS, type Role, type SkillGrade } from '#contracts/roles';
import type { User } from '#contracts/users';
import { ME_KEY } from '../../app/session';
import { FormDrawer } from '../../components/form/FormDrawer';
import type { RecordTarget } from '../../components/form/useRecordTarget';
import { SectionTitle } from '../../components/SectionTitle';
import { ErrorState } from '../../components/states';
import { useOptions, useT } from '../../lib/i18n';
import { useStoreNames, usersApi } from './api';
import { USER_TEXT } from './text';

interface MembershipValues {
  storeId?: number;
  role?: Role;
  skillGrade?: SkillGrade | null;
  team?: string | null;
}

interface Values {
  username: string;
  displayName: string;
  phone: string | null;
  password?: string;
  groupRole: Role | null;
  memberships: MembershipValues[];
}

const STORE_ROLES = ROLES.filter((r) => !GROUP_ROLES.includes(r));

function toValues(user: User | null, defaultStoreId: number): Partial<Values> {
  if (!user) return { groupRole: null, phone: null, memberships: [{ storeId: defaultStoreId, role: 'service_advisor', skillGrade: null, team: null }] };
  return { username: user.username, displayName: user.displayName, phone: user.phone, groupRole: user.groupRole, memberships: user.memberships };
}

function membershipsOf(values: Values) {
  return (values.memberships ?? []).map((m) => ({
    storeId: m.storeId!,
    role: m.role!,
    skillGrade: m.skillGrade ?? null,
    team: m.team?.trim() || null,
  }));
}

function updateBody(values: Values, user: User, active: boolean): UserUpdate {
  return {
    displayName: values.displayName,
    phone: values.phone?.trim() || null,
    active,
    groupRole: values.groupRole ?? null,
    ...(values.password ? { password: values.password } : {}),
    memberships: membershipsOf(values),
    version: user.version,
  };
}

/** Create, view and edit a user with their role in each store; deactivation signs them out. */
export function UserDrawer({ target, onClose, canManage, currentStoreId }: { target: RecordTarget; onClose: () => void; canManage: boolean; currentStoreId: number }) {
  const t = useT(USER_TEXT);
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { stores } = useStoreNames();
  const roleOptions = useOptions(ROLE_LABELS, STORE_ROLES);
  const groupRoleOptions = useOptions(ROLE_LABELS, GROUP_ROLES);
  const gradeOptions = useOptions(SKILL_GRADE_LABELS, SKILL_GRADES);
  const id = typeof target === 'number' ? target : null;

  const record = useQuery({ queryKey: [usersApi.key, 'record', id], queryFn: () => usersApi.get(id!), enabled: id !== null });
  const user = id === null ? null : (record.data ?? null);

  const saved = async (u: User) => {
    client.setQueryData([usersApi.key, 'record', u.id], u);
    await client.invalidateQueries({ queryKey: [usersApi.key] });
    // Editing oneself may change one's own stores and role.
    await client.invalidateQueries({ queryKey: ME_KEY });
  };

  const save = useMutation({
    mutationFn: (values: Values) =>
      user
        ? usersApi.update(user.id, updateBody(values, user, user.active))
        : usersApi.create({
            username: values.username,
            displayName: values.displayName,
            phone: values.phone?.trim() || null,
            password: values.password ?? '',
            groupRole: values.groupRole ?? null,
            memberships: membershipsOf(values),
          } satisfies UserCreate),
    onSuccess: async (u) => {
      await saved(u);
      message.success(user ? t('saved') : t('created'));
      onClose();
    },
  });

  const toggle = useMutation({
    mutationFn: (u: User) => usersApi.update(u.id, updateBody({ ...(toValues(u, currentStoreId) as Values), password: undefined }, u, !u.active)),
    onSuccess: async (u) => {
      await saved(u);
      message.success(u.active ? t('activated') : t('deactivated'));
    },
    onError: (err) => message.error(err.message),
  });

  const askToggle = (u: User) =>
    modal.confirm({
      title: u.active ? t('deactivateTitle', { name: u.displayName }) : t('activateTitle', { name: u.displayName }),
      content: u.active ? t('deactivation') : undefined,
      okText: u.active ? t('deactivate') : t('activate'),
      okButtonProps: { danger: u.active },
      cancelText: t('cancel'),
      onOk: () => toggle.mutateAsync(u).catch(() => undefined),
    });

  const readOnly = !canManage;
  const title = user ? (
    <span>
      {readOnly ? t('view') : t('edit')}：{user.displayName} {user.active ? null : <Tag>{t('inactive')}</Tag>}
    </span>
  ) : id !== null ? (
    t('edit')
  ) : (
    t('create')
  );

  if (id !== null && record.isError) {
    return (
      <FormDrawer open title={title} form={form} initialValues={{}} initKey="error" onSubmit={async () => {}} onClose={onClose} readOnly>
        <ErrorState error={record.error} onRetry={() => void record.refetch()} />
      </FormDrawer>
    );
  }

  return (
    <FormDrawer<Values>
      open={target !== null}
      title={title}
      form={form}
      initialValues={toValues(user, currentStoreId)}
      initKey={user ? `${user.id}:${user.version}` : String(target)}
      loading={id !== null && record.isPending}
      onSubmit={(values) => save.mutateAsync(values)}
      onClose={onClose}
      onReload={() => void record.refetch()}
      readOnly={readOnly}
      width={720}
      footerExtra={
        user && canManage ? (
          <Button danger={user.active} loading={toggle.isPending} onClick={() => askToggle(user)}>
            {user.active ? t('deactivate') : t('activate')}
          </Button>
        ) : null
      }
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="username"
            label={t('username')}
            extra={user ? undefined : t('usernameHint')}
            rules={[{ required: true, whitespace: true }, { min: 2, max: 40 }]}
          >
            <Input disabled={user !== null} autoFocus={user === null} maxLength={40} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="displayName" label={t('displayName')} rules={[{ required: true, whitespace: true }, { max: 40 }]}>
            <Input maxLength={40} autoFocus={user !== null} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="phone" label={t('phone')} rules={[{ max: 20 }]}>
            <Input maxLength={20} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="password"
            label={user ? t('resetPassword') : t('password')}
            extra={user ? t('resetPasswordHint') : undefined}
            rules={[{ required: !user }, { min: PASSWORD_MIN_LENGTH, message: t('passwordTooShort', { n: PASSWORD_MIN_LENGTH }) }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="groupRole" label={t('groupRole')} extra={t('groupRoleHint')}>
        <Select allowClear placeholder={t('noGroupRole')} options={groupRoleOptions} />
      </Form.Item>
      <SectionTitle hint={t('membershipsHint')}>{t('memberships')}</SectionTitle>
      <Form.List name="memberships">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Row gutter={8} key={field.key} align="top" wrap={false}>
                <Col flex="190px">
                  <Form.Item name={[field.name, 'storeId']} label={field.name === 0 ? t('store') : undefined} rules={[{ required: true, message: t('store') }]}>
                    <Select options={stores.map((s) => ({ value: s.id, label: s.name }))} placeholder={t('store')} popupMatchSelectWidth={false} />
                  </Form.Item>
                </Col>
                <Col flex="170px">
                  <Form.Item name={[field.name, 'role']} label={field.name === 0 ? t('role') : undefined} rules={[{ required: true, message: t('role') }]}>
                    <Select options={roleOptions} placeholder={t('role')} popupMatchSelectWidth={false} />
                  </Form.Item>
                </Col>
                <Col flex="120px">
                  <Form.Item name={[field.name, 'skillGrade']} label={field.name === 0 ? t('skillGrade') : undefined}>
                    <Select allowClear options={gradeOptions} placeholder="—" />
                  </Form.Item>
                </Col>
                <Col flex="auto">
                  <Form.Item name={[field.name, 'team']} label={field.name === 0 ? t('team') : undefined} rules={[{ max: 40 }]}>
                    <Input maxLength={40} placeholder="—" />
                  </Form.Item>
                </Col>
                <Col flex="32px">
                  <Form.Item label={field.name === 0 ? ' ' : undefined}>
                    <Tooltip title={t('removeMembership')}>
                      <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('removeMembership')} onClick={() => remove(field.name)} disabled={readOnly} />
                    </Tooltip>
                  </Form.Item>
                </Col>
              </Row>
            ))}
            {readOnly ? null : (
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ storeId: undefined, role: undefined, skillGrade: null, team: null })}>
                {t('addMembership')}
              </Button>
            )}
          </>
        )}
      </Form.List>
    </FormDrawer>
  );
}
