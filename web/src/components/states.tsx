import { Button, Empty, Result } from 'antd';
import type { ReactNode } from 'react';
import { isApiError } from '../lib/api';
import { useT } from '../lib/i18n';

/** A failed load, with what went wrong in the user's words and a way to try again. */
export function ErrorState({ error, onRetry, fullPage = false }: { error: unknown; onRetry?: () => void; fullPage?: boolean }) {
  const t = useT();
  const forbidden = isApiError(error) && error.status === 403;
  return (
    <div style={fullPage ? { paddingTop: '12vh' } : undefined}>
      <Result
        status={forbidden ? '403' : 'warning'}
        title={forbidden ? t('forbidden') : t('loadFailed')}
        subTitle={forbidden ? t('forbiddenHint') : error instanceof Error ? error.message : t('serverError')}
        extra={
          !forbidden && onRetry ? (
            <Button type="primary" onClick={onRetry}>
              {t('retry')}
            </Button>
          ) : null
        }
      />
    </div>
  );
}

/** An empty list that says what to do next. */
export function EmptyState({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <div>
          <div style={{ color: 'rgba(0,0,0,0.75)', fontSize: 14 }}>{title}</div>
          {hint ? <div style={{ color: 'rgba(0,0,0,0.45)', marginTop: 4 }}>{hint}</div> : null}
        </div>
      }
    >
      {action}
    </Empty>
  );
}
