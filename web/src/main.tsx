import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { onUnauthenticated } from './lib/api';
import { currentLang } from './lib/i18n';
import { App } from './app/App';
import { ME_KEY } from './app/session';
import { applyDayjsLocale } from './app/dayjs';
import { queryClient } from './app/queryClient';
import './app/global.css';

applyDayjsLocale(currentLang());
// A lost session anywhere: forget the user; the signed-in routes then send them to /login and back.
onUnauthenticated(() => queryClient.setQueryData(ME_KEY, null));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
