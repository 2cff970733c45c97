import type { CssPeriod, CssPeriodInput, CssWeights, PtPeriod, PtPeriodInput, ScoreMonth } from '#contracts/satisfaction';
import { api } from '../../lib/api';

export const SATISFACTION_KEY = 'satisfaction';

export const satisfactionApi = {
  key: SATISFACTION_KEY,
  weights: () => api.get<CssWeights>('/api/satisfaction/weights'),
  saveWeights: (body: CssWeights) => api.put<CssWeights>('/api/satisfaction/weights', body),
  css: (from: string, to: string) => api.get<CssPeriod[]>('/api/satisfaction/css', { from, to }),
  enterCss: (body: CssPeriodInput) => api.put<CssPeriod>('/api/satisfaction/css', body),
  pt: (from: string, to: string) => api.get<PtPeriod[]>('/api/satisfaction/pt', { from, to }),
  enterPt: (body: PtPeriodInput) => api.put<PtPeriod>('/api/satisfaction/pt', body),
  trend: (from: string, to: string) => api.get<ScoreMonth[]>('/api/satisfaction/trend', { from, to }),
};
