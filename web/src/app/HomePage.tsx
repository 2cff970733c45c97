import { Card, Col, Row, Space, Tag } from 'antd';
import { Link } from 'react-router';
import { ROLE_LABELS } from '#contracts/roles';
import { EmptyState } from '../components/states';
import { useLabel, useLang, useT } from '../lib/i18n';
import { formatDate } from '../lib/format';
import { useMe } from './auth';
import { visibleNav } from './navigation';

const TEXT = {
  morning: { zh: '早上好', en: 'Good morning' },
  afternoon: { zh: '下午好', en: 'Good afternoon' },
  evening: { zh: '晚上好', en: 'Good evening' },
  greeting: { zh: '{hello}，{name}', en: '{hello}, {name}' },
  roleAt: { zh: '{store} · {role}', en: '{role} at {store}' },
  shortcuts: { zh: '常用功能', en: 'Shortcuts' },
  today: { zh: '今日待办', en: 'Today' },
  noShortcuts: { zh: '您的岗位暂时没有可用的功能', en: 'Your role has no pages yet' },
  noShortcutsHint: { zh: '如需开通，请联系集团管理员分配岗位权限。', en: 'Ask the group administrator to give your role access.' },
  noTasks: { zh: '暂无待办事项', en: 'Nothing to do yet' },
  noTasksHint: {
    zh: '预约、接车、派工等业务模块上线后，您的待办和关键指标会显示在这里。',
    en: 'When appointments, reception and dispatch go live, your tasks and key figures will appear here.',
  },
};

function hourIn(timeZone: string): number {
  const h = new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(new Date());
  return Number(h);
}

/** 工作台: who you are, where, and the way to everything your role may open. */
export default function HomePage() {
  const me = useMe();
  const t = useT(TEXT);
  const label = useLabel();
  const { lang } = useLang();
  const hour = hourIn(me.store.timeZone);
  const hello = hour < 12 ? t('morning') : hour < 18 ? t('afternoon') : t('evening');
  const pages = visibleNav(me.permissions).flatMap((g) => g.pages);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card variant="borderless">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 16, flexWrap: 'wrap' }}>
          <div>
            <h1 style={{ margin: 0, fontSize: 22, fontWeight: 600 }} data-testid="greeting">
              {t('greeting', { hello, name: me.user.displayName })}
            </h1>
            <div style={{ marginTop: 6, color: 'rgba(0,0,0,0.55)' }}>
              {t('roleAt', { store: me.store.name, role: label(ROLE_LABELS, me.role) })}
            </div>
          </div>
          <Tag style={{ fontSize: 14, padding: '4px 10px' }}>{formatDate(new Date(), me.store.timeZone)}</Tag>
        </div>
      </Card>
      <Card variant="borderless" title={t('shortcuts')}>
        {pages.length === 0 ? (
          <EmptyState title={t('noShortcuts')} hint={t('noShortcutsHint')} />
        ) : (
          <Row gutter={[16, 16]}>
            {pages.map((p) => (
              <Col key={p.path} xs={24} sm={12} lg={8} xxl={6}>
                <Link to={p.path}>
                  <Card hoverable className="home-shortcut" size="small">
                    <span className="home-shortcut-icon">
                      <p.icon />
                    </span>
                    <div style={{ minWidth: 0 }}>
                      <div style={{ fontWeight: 500, color: 'rgba(0,0,0,0.88)' }}>{p.label[lang]}</div>
                      <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 13 }}>{p.description[lang]}</div>
                    </div>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        )}
      </Card>
      <Card variant="borderless" title={t('today')}>
        <EmptyState title={t('noTasks')} hint={t('noTasksHint')} />
      </Card>
    </Space>
  );
}
