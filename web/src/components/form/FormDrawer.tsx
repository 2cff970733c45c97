import { Alert, App, Button, Drawer, Form, Space, Spin, type FormInstance, type FormProps } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { isApiError } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { applyServerErrors } from './serverErrors';
import { useEscape } from './useEscape';
import { useConfirmDiscard, useUnsavedGuard } from './useUnsavedGuard';

export interface FormDrawerProps<V extends object> {
  open: boolean;
  title: ReactNode;
  form: FormInstance<V>;
  /** Values the form starts from; applied again whenever `initKey` changes (another record, a reload). */
  initialValues: Partial<V>;
  initKey: string | number;
  loading?: boolean;
  /** Saves; a rejected ApiError is shown in the drawer (fields, stale version, other). */
  onSubmit: (values: V) => Promise<unknown>;
  onClose: () => void;
  /** Fetches the latest version after a 409 STALE_VERSION. */
  onReload?: () => void;
  readOnly?: boolean;
  /** Left side of the footer: deactivate and the like. */
  footerExtra?: ReactNode;
  width?: number;
  submitText?: string;
  /** Server field paths that the form names differently (`fixedPriceFen` → `fixedPriceYuan`). */
  rename?: Record<string, NamePath>;
  formProps?: Omit<FormProps<V>, 'form' | 'onFinish' | 'initialValues' | 'disabled'>;
  children: ReactNode;
  /** Shown below the form, outside it (a related list with its own small forms). */
  after?: ReactNode;
}

type Problem = { kind: 'stale' } | { kind: 'error'; message: string; details: string[] };

/**
 * The edit form of one record in a drawer, as every module does it: required marks, Enter saves,
 * Esc cancels (asking first when something was changed), the server's field errors next to their
 * fields, a stale-version notice with reload, and a warning before leaving with unsaved changes.
 */
export function FormDrawer<V extends object>(props: FormDrawerProps<V>) {
  const { open, title, form, initialValues, initKey, loading = false, onSubmit, onClose, onReload, readOnly = false } = props;
  const t = useT();
  const { message } = App.useApp();
  const confirmDiscard = useConfirmDiscard();
  const [dirty, setDirty] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  useUnsavedGuard(open && dirty);

  // A fresh start for every record (and every reload of it): the form instance outlives the drawer.
  // State follows the key during render (React's "adjust state when a prop changes"); the form's
  // own store is reset right after, before the browser paints.
  const resetKey = open && !loading ? String(initKey) : null;
  const [seenKey, setSeenKey] = useState<string | null>(null);
  if (resetKey !== seenKey) {
    setSeenKey(resetKey);
    setDirty(false);
    setProblem(null);
  }
  useLayoutEffect(() => {
    if (resetKey !== null) form.resetFields();
  }, [resetKey, form]);

  const close = async () => {
    if (submitting) return;
    if (await confirmDiscard(dirty)) {
      setDirty(false);
      onClose();
    }
  };

  useEscape(open, () => void close());

  const inFlight = useRef(false);
  const finish = async (values: V) => {
    if (inFlight.current) return; // a second Enter while saving
    inFlight.current = true;
    setSubmitting(true);
    setProblem(null);
    try {
      await onSubmit(values);
      setDirty(false);
    } catch (err) {
      if (isApiError(err) && err.isStaleVersion) {
        setProblem({ kind: 'stale' });
      } else {
        const unplaced = applyServerErrors(form, err, props.rename);
        const placedAll = isApiError(err) && err.fields.length > 0 && unplaced.length === 0;
        if (placedAll) message.error(t('formHasErrors'));
        else setProblem({ kind: 'error', message: err instanceof Error ? err.message : String(err), details: unplaced.map((f) => f.message) });
      }
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  };

  const footer = (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
      <Space size={8}>{props.footerExtra}</Space>
      <div style={{ flex: 1 }} />
      {readOnly ? null : <span className="form-hint">{t('formHint')}</span>}
      <Button onClick={() => void close()}>{readOnly ? t('close') : t('cancel')}</Button>
      {readOnly ? null : (
        <Button type="primary" loading={submitting} disabled={loading} onClick={() => form.submit()}>
          {props.submitText ?? t('save')}
        </Button>
      )}
    </div>
  );

  return (
    <Drawer
      open={open}
      title={title}
      size={props.width ?? 560}
      onClose={() => void close()}
      footer={footer}
      // Esc is handled by useEscape: it also works from inputs that swallow the key.
      keyboard={false}
    >
      {problem?.kind === 'stale' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('staleTitle')}
          description={t('staleContent')}
          action={
            onReload ? (
              <Button size="small" type="primary" onClick={onReload}>
                {t('reload')}
              </Button>
            ) : null
          }
        />
      ) : null}
      {problem?.kind === 'error' ? (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setProblem(null) }}
          style={{ marginBottom: 16 }}
          title={problem.message}
          description={problem.details.length > 1 ? problem.details.join('；') : undefined}
        />
      ) : null}
      {loading ? (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
        </div>
      ) : (
        <Form<V>
          layout="vertical"
          scrollToFirstError
          {...props.formProps}
          form={form}
          initialValues={initialValues}
          disabled={readOnly}
          onFinish={(values) => void finish(values)}
          onValuesChange={() => setDirty(true)}
        >
          {props.children}
          {readOnly ? null : <button type="submit" className="hidden-submit" tabIndex={-1} aria-hidden="true" />}
        </Form>
      )}
      {loading ? null : props.after}
    </Drawer>
  );
}
