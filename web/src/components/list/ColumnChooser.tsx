import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Popover, Tooltip } from 'antd';
import { useT } from '../../lib/i18n';

interface Props {
  columns: { key: string; title: string }[];
  visible: string[];
  isDefault: boolean;
  onChange: (keys: string[] | null) => void;
}

/** Which columns a list shows; at least one stays on. */
export function ColumnChooser({ columns, visible, isDefault, onChange }: Props) {
  const t = useT();
  const content = (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 6, minWidth: 160 }}>
      {columns.map((c) => (
        <Checkbox
          key={c.key}
          checked={visible.includes(c.key)}
          disabled={visible.length === 1 && visible.includes(c.key)}
          onChange={(e) =>
            onChange(e.target.checked ? columns.filter((x) => x.key === c.key || visible.includes(x.key)).map((x) => x.key) : visible.filter((k) => k !== c.key))
          }
        >
          {c.title}
        </Checkbox>
      ))}
      <Button size="small" type="link" disabled={isDefault} onClick={() => onChange(null)} style={{ alignSelf: 'flex-start', padding: 0 }}>
        {t('columnsReset')}
      </Button>
    </div>
  );
  return (
    <Popover trigger="click" placement="bottomRight" title={t('columns')} content={content}>
      <Tooltip title={t('columns')}>
        <Button icon={<SettingOutlined />} aria-label={t('columns')} />
      </Tooltip>
    </Popover>
  );
}
