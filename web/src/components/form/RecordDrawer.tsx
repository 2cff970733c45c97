import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Tag } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import type { ReactNode } from 'react';
import type { Resource } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { ErrorState } from '../states';
import { FormDrawer } from './FormDrawer';
import type { RecordTarget } from './useRecordTarget';

/** Master data records: deactivated instead of deleted, versioned for optimistic concurrency. */
export interface VersionedRecord {
  id: number;
  version: number;
  active: boolean;
}

export type UpdateOf<C> = C & { active: boolean; version: number };

export interface RecordDrawerProps<R extends VersionedRecord, V extends object, C> {
  resource: Resource<R, C, UpdateOf<C>>;
  target: RecordTarget;
  onClose: () => void;
  canManage: boolean;
  /** `新建工位` / `编辑工位` / `查看工位` and the record's name for the title and confirmations. */
  titles: { create: string; edit: string; view: string };
  nameOf: (record: R) => string;
  toValues: (record: R | null) => Partial<V>;
  toBody: (values: V, record: R | null) => C;
  /** What deactivating means, in the user's words; omit when the record cannot be deactivated. */
  deactivation?: string;
  width?: number;
  rename?: Record<string, NamePath>;
  /** After every successful save or (de)activation, e.g. to refresh other caches. */
  onSaved?: (record: R) => void;
  children: ReactNode | ((record: R | null) => ReactNode);
}

/**
 * Create, view and edit one master-data record in a drawer: loads it by id, saves with its
 * version, and deactivates or re-activates it after a confirmation. Lists of the resource refresh.
 */
export function RecordDrawer<R extends VersionedRecord, V extends object, C>(props: RecordDrawerProps<R, V, C>) {
  const { resource, target, canManage } = props;
  const t = useT();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<V>();
  const id = typeof target === 'number' ? target : null;

  const record = useQuery({
    queryKey: [resource.key, 'record', id],
    queryFn: () => resource.get(id!),
    enabled: id !== null,
  });
  const current = id === null ? null : (record.data ?? null);

  const saved = (r: R) => {
    client.setQueryData([resource.key, 'record', r.id], r);
    props.onSaved?.(r);
    return client.invalidateQueries({ queryKey: [resource.key], predicate: (q) => q.queryKey[1] !== 'record' || q.queryKey[2] === r.id });
  };

  const save = useMutation({
    mutationFn: (values: V) =>
      current
        ? resource.update(current.id, { ...props.toBody(values, current), active: current.active, version: current.version })
        : resource.create(props.toBody(values, null)),
    onSuccess: async (r) => {
      await saved(r);
      message.success(current ? t('saved') : t('created'));
      props.onClose();
    },
  });

  const toggle = useMutation({
    mutationFn: (r: R) => resource.update(r.id, { ...props.toBody(props.toValues(r) as V, r), active: !r.active, version: r.version }),
    onSuccess: async (r) => {
      await saved(r);
      message.success(r.active ? t('activated') : t('deactivated'));
    },
    onError: (err) => message.error(err.message),
  });

  const askToggle = (r: R) => {
    const name = props.nameOf(r);
    modal.confirm({
      title: r.active ? t('deactivateTitle', { name }) : t('activateTitle', { name }),
      content: r.active ? props.deactivation : undefined,
      okText: r.active ? t('deactivate') : t('activate'),
      okButtonProps: { danger: r.active },
      cancelText: t('cancel'),
      onOk: () => toggle.mutateAsync(r).catch(() => undefined),
    });
  };

  const readOnly = !canManage;
  const title = current ? (
    <span>
      {readOnly ? props.titles.view : props.titles.edit}：{props.nameOf(current)} {current.active ? null : <Tag>{t('inactive')}</Tag>}
    </span>
  ) : id !== null ? (
    readOnly ? props.titles.view : props.titles.edit
  ) : (
    props.titles.create
  );

  const footerExtra =
    current && canManage && props.deactivation !== undefined ? (
      <Button danger={current.active} loading={toggle.isPending} onClick={() => askToggle(current)}>
        {current.active ? t('deactivate') : t('activate')}
      </Button>
    ) : null;

  if (id !== null && record.isError) {
    return (
      <FormDrawer open title={title} form={form} initialValues={{}} initKey="error" loading={false} onSubmit={async () => {}} onClose={props.onClose} readOnly>
        <ErrorState error={record.error} onRetry={() => void record.refetch()} />
      </FormDrawer>
    );
  }

  return (
    <FormDrawer<V>
      open={target !== null}
      title={title}
      form={form}
      initialValues={props.toValues(current)}
      initKey={current ? `${current.id}:${current.version}` : String(target)}
      loading={id !== null && record.isPending}
      onSubmit={(values) => save.mutateAsync(values)}
      onClose={props.onClose}
      onReload={() => void record.refetch()}
      readOnly={readOnly}
      footerExtra={footerExtra}
      width={props.width}
      rename={props.rename}
    >
      {typeof props.children === 'function' ? props.children(current) : props.children}
    </FormDrawer>
  );
}
