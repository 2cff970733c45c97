import { Segmented } from 'antd';
import { useLang, type Lang } from '../../lib/i18n';

/** 中文 / English; remembered in this browser. */
export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { lang, setLang } = useLang();
  return (
    <Segmented<Lang>
      size="small"
      value={lang}
      onChange={setLang}
      options={[
        { value: 'zh', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
      aria-label="语言 / Language"
      style={dark ? { background: 'rgba(255,255,255,0.85)' } : undefined}
    />
  );
}
