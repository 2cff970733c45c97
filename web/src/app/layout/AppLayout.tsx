import { Breadcrumb, Layout } from 'antd';
import { useEffect, useState } from 'react';
import { Outlet, useLocation, useMatches, useNavigation } from 'react-router';
import type { Permission } from '#contracts/permissions';
import { HeaderSearch } from '../../features/search/HeaderSearch';
import { useLang, useT } from '../../lib/i18n';
import { RequireAuth, useMe } from '../auth';
import { groupOfPage, pageOfPath } from '../navigation';
import { ForbiddenPage } from '../ForbiddenPage';
import { LanguageSwitch } from './LanguageSwitch';
import { SideMenu } from './SideMenu';
import { StoreSwitcher } from './StoreSwitcher';
import { UserMenu } from './UserMenu';
import './header.css';

const TEXT = {
  home: { zh: '工作台', en: 'Home' },
};

/** The page's permission from its route's `handle`; a role without it sees 没有权限 instead. */
function useRoutePermission(): Permission | undefined {
  const matches = useMatches();
  for (let i = matches.length - 1; i >= 0; i--) {
    const handle = matches[i]?.handle as { permission?: Permission } | undefined;
    if (handle?.permission) return handle.permission;
  }
  return undefined;
}

function Shell() {
  const me = useMe();
  const t = useT(TEXT);
  const { lang } = useLang();
  const location = useLocation();
  const navigation = useNavigation();
  const permission = useRoutePermission();
  const [collapsed, setCollapsed] = useState(false);
  const page = pageOfPath(location.pathname);
  const group = page ? groupOfPage(page) : undefined;
  const allowed = !permission || me.permissions.includes(permission);

  useEffect(() => {
    const appName = t('appName');
    document.title = page ? `${page.label[lang]} · ${appName}` : location.pathname === '/' ? `${t('home')} · ${appName}` : appName;
  }, [page, lang, location.pathname, t]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {navigation.state === 'loading' ? <div className="route-progress" /> : null}
      <Layout.Sider
        className="app-sider"
        width={208}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        collapsedWidth={64}
      >
        <div className="app-logo">
          <span className="app-logo-mark">修</span>
          {collapsed ? null : <span>{t('appShort')}</span>}
        </div>
        <SideMenu collapsed={collapsed} />
      </Layout.Sider>
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header className="app-header">
          <div className="grow">
            <Breadcrumb
              items={[
                { title: t('home') },
                ...(group ? [{ title: group.label[lang] }] : []),
                ...(page ? [{ title: page.label[lang] }] : []),
              ]}
            />
          </div>
          <HeaderSearch />
          <StoreSwitcher />
          <LanguageSwitch />
          <UserMenu />
        </Layout.Header>
        <Layout.Content className="app-content">
          {allowed ? <Outlet /> : <ForbiddenPage />}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

export default function AppLayout() {
  return (
    <RequireAuth>
      <Shell />
    </RequireAuth>
  );
}
