import { Menu, type MenuProps } from 'antd';
import { useMemo } from 'react';
import { Link, useLocation } from 'react-router';
import { useLang } from '../../lib/i18n';
import { useMe } from '../auth';
import { HomeIcon, pageOfPath, visibleNav } from '../navigation';

const HOME = { zh: '工作台', en: 'Home' };

/** The sidebar: only the pages the role's permissions open, grouped as in `navigation.tsx`. */
export function SideMenu({ collapsed }: { collapsed: boolean }) {
  const me = useMe();
  const { lang } = useLang();
  const location = useLocation();
  const groups = useMemo(() => visibleNav(me.permissions), [me.permissions]);

  const items: MenuProps['items'] = [
    { key: '/', icon: <HomeIcon />, label: <Link to="/">{HOME[lang]}</Link> },
    ...groups.map((g) => ({
      key: g.key,
      icon: <g.icon />,
      label: g.label[lang],
      children: g.pages.map((p) => ({ key: p.path, icon: <p.icon />, label: <Link to={p.path}>{p.label[lang]}</Link> })),
    })),
  ];
  const selected = pageOfPath(location.pathname)?.path ?? (location.pathname === '/' ? '/' : '');

  return (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={[selected]}
      defaultOpenKeys={collapsed ? [] : groups.map((g) => g.key)}
      data-testid="side-menu"
    />
  );
}
