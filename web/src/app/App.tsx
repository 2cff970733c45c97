import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { RouterProvider } from 'react-router';
import { LangContextProvider, setCurrentLang, storeLang, storedLang, type Lang } from '../lib/i18n';
import { applyDayjsLocale } from './dayjs';
import { queryClient } from './queryClient';
import { router } from './router';

const FONT =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif";

const theme: ThemeConfig = {
  token: { colorPrimary: '#1f6feb', borderRadius: 4, fontFamily: FONT },
  components: {
    Layout: { headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 16px', siderBg: '#001529' },
    Table: { headerBg: '#f7f8fa', cellPaddingBlockSM: 6 },
  },
};

/** Providers of the whole app: language, antd (locale and theme), server state, routes. */
export function App() {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const setLang = useCallback((next: Lang) => {
    storeLang(next);
    setCurrentLang(next);
    applyDayjsLocale(next);
    setLangState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const langState = useMemo(() => ({ lang, setLang }), [lang, setLang]);

  return (
    <LangContextProvider value={langState}>
      <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={theme} componentSize="middle" button={{ autoInsertSpace: false }}>
        <AntApp>
          <QueryClientProvider client={queryClient}>
            <RouterProvider router={router} />
          </QueryClientProvider>
        </AntApp>
      </ConfigProvider>
    </LangContextProvider>
  );
}
