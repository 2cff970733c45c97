import { ShopOutlined } from '@ant-design/icons';
import { App, Select, Space } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { ROLE_LABELS } from '#contracts/roles';
import { useLabel, useT } from '../../lib/i18n';
import { useMe } from '../auth';
import { pageOfPath } from '../navigation';
import { useSwitchStore } from '../session';

const TEXT = {
  store: { zh: '当前门店', en: 'Current store' },
  switched: { zh: '已切换到 {name}', en: 'Switched to {name}' },
};

/** The active store of the session; users with roles in several stores (and group roles) switch here. */
export function StoreSwitcher() {
  const me = useMe();
  const t = useT(TEXT);
  const label = useLabel();
  const { message } = App.useApp();
  const switchStore = useSwitchStore();
  const navigate = useNavigate();
  const location = useLocation();

  if (me.stores.length <= 1) {
    return (
      <Space size={6} style={{ color: 'rgba(0,0,0,0.75)', whiteSpace: 'nowrap' }}>
        <ShopOutlined />
        <span>{me.store.name}</span>
      </Space>
    );
  }

  const onChange = (storeId: number) => {
    switchStore.mutate(storeId, {
      onSuccess: (next) => {
        message.success(t('switched', { name: next.store.name }));
        // The role may differ in the new store: leave a page it cannot open.
        const page = pageOfPath(location.pathname);
        if (page && !next.permissions.includes(page.permission)) navigate('/', { replace: true });
      },
      onError: (err) => message.error(err.message),
    });
  };

  return (
    <Select<number>
      aria-label={t('store')}
      value={me.store.id}
      onChange={onChange}
      loading={switchStore.isPending}
      disabled={switchStore.isPending}
      prefix={<ShopOutlined />}
      popupMatchSelectWidth={false}
      // Inside the sticky header, so the list stays put under its trigger when the page scrolls.
      getPopupContainer={(trigger: HTMLElement) => trigger.closest('.app-header') ?? document.body}
      style={{ minWidth: 220, maxWidth: 320 }}
      options={me.stores.map((s) => ({ value: s.id, label: s.name, role: label(ROLE_LABELS, s.role) }))}
      optionRender={(option) => (
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16 }}>
          <span>{option.data.label}</span>
          <span style={{ color: 'rgba(0,0,0,0.45)' }}>{option.data.role}</span>
        </div>
      )}
    />
  );
}
