import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Dropdown, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ROLE_LABELS } from '#contracts/roles';
import { useLabel, useT } from '../../lib/i18n';
import { useMe } from '../auth';
import { useLogout } from '../session';
import { ChangePasswordModal } from './ChangePasswordModal';

const TEXT = {
  changePassword: { zh: '修改密码', en: 'Change password' },
  logout: { zh: '退出登录', en: 'Sign out' },
};

export function UserMenu() {
  const me = useMe();
  const t = useT(TEXT);
  const label = useLabel();
  const logout = useLogout();
  const navigate = useNavigate();
  const [passwordOpen, setPasswordOpen] = useState(false);

  const onClick = ({ key }: { key: string }) => {
    if (key === 'password') setPasswordOpen(true);
    if (key === 'logout') logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  };

  return (
    <>
      <Dropdown
        trigger={['click']}
        // Inside the sticky header, so the menu stays put under its trigger when the page scrolls.
        getPopupContainer={(trigger) => trigger.closest<HTMLElement>('.app-header') ?? document.body}
        menu={{
          onClick,
          items: [
            { key: 'password', icon: <KeyOutlined />, label: t('changePassword') },
            { type: 'divider' },
            { key: 'logout', icon: <LogoutOutlined />, label: t('logout'), danger: true },
          ],
        }}
      >
        <button type="button" className="user-menu-trigger" aria-label={me.user.displayName} data-testid="user-menu">
          <Space size={8}>
            <Avatar size="small" style={{ background: '#1f6feb' }} icon={<UserOutlined />} />
            <span style={{ lineHeight: 1.2, textAlign: 'left' }}>
              <span style={{ display: 'block' }}>{me.user.displayName}</span>
              <span style={{ display: 'block', fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{label(ROLE_LABELS, me.role)}</span>
            </span>
            <DownOutlined style={{ fontSize: 10, color: 'rgba(0,0,0,0.45)' }} />
          </Space>
        </button>
      </Dropdown>
      <ChangePasswordModal open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </>
  );
}
