import { Tag } from 'antd';
import { useT } from '../lib/i18n';

export function ActiveTag({ active }: { active: boolean }) {
  const t = useT();
  return active ? <Tag color="success">{t('active')}</Tag> : <Tag>{t('inactive')}</Tag>;
}
