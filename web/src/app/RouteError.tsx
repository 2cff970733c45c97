import { Button, Result } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useT } from '../lib/i18n';

/** A page that failed to load or render: usually a lost connection or a newer deployment. */
export function RouteError() {
  const error = useRouteError();
  const t = useT();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return <Result status="404" title={t('notFound')} subTitle={t('notFoundHint')} extra={<Button href="/">{t('backHome')}</Button>} />;
  }
  if (import.meta.env.DEV) console.error(error);
  return (
    <div style={{ paddingTop: '12vh' }}>
      <Result
        status="warning"
        title={t('pageLoadFailed')}
        subTitle={t('pageLoadFailedHint')}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('reloadPage')}
          </Button>
        }
      />
    </div>
  );
}
