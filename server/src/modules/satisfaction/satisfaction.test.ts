import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CSS_WEIGHTS } from '#contracts/satisfaction';
import { buildTestApp, type Client, type TestApp } from '../../../test/app';
import { inStore } from '../../db/scope';
import { manufacturerScores } from './index';

let t: TestApp;
let supervisor: Client;
let agent: Client;

beforeAll(async () => {
  t = await buildTestApp();
  supervisor = await t.as('front_desk_supervisor');
  agent = await t.as('customer_service');
});
afterAll(() => t.close());

const fieldsOf = (res: { json(): { error: { details: { fields: { path: string }[] } } } }) => res.json().error.details.fields.map((f) => f.path);

/** Hand-built: weighted sum 8530 with the default weights → MOT 85.3. */
const ITEMS = { explain_work: 90, quick_reception: 80, work_done_right: 95, explain_invoice: 85, quick_pickup: 70, time_at_store: 75, listened_kindly: 100, helped_at_pickup: 60, car_clean: 88, comfortable_lounge: 92 };
const flat = (score: number) => Object.fromEntries(Object.keys(ITEMS).map((k) => [k, score]));

describe('CSS and MOT', () => {
  it('enters a month for store, region and nation and computes MOT from the store’s weights', async () => {
    const res = await supervisor.put('/api/satisfaction/css', { month: '2026-10',
      store: { sampleSize: 42, cssScore: 91.5, items: ITEMS },
      region: { sampleSize: 1200, cssScore: 89.2, items: flat(88) },
      nation: { sampleSize: 25000, cssScore: 88.1, items: flat(87.5) },
    });
    expect(res.statusCode, res.body).toBe(200);
    const month = res.json();
    expect(month.store).toEqual(expect.objectContaining({ sampleSize: 42, cssScore: 91.5, mot: 85.3 }));
    expect(month.region.mot).toBe(88);
    expect(month.nation.mot).toBe(87.5);

    // Weights changed: cleanliness 20 → 10, lounge 10 → 20; the MOT follows.
    expect((await supervisor.put('/api/satisfaction/weights', { ...DEFAULT_CSS_WEIGHTS, car_clean: 10, comfortable_lounge: 20 })).statusCode).toBe(200);
    const again = (await agent.get('/api/satisfaction/css?from=2026-10&to=2026-10')).json();
    expect(again[0].store.mot).toBe(85.7);
    // …and back.
    await supervisor.put('/api/satisfaction/weights', DEFAULT_CSS_WEIGHTS);
    expect((await agent.get('/api/satisfaction/css?from=2026-10&to=2026-10')).json()[0].store.mot).toBe(85.3);
  });

  it('refuses weights that do not add up to 100, scores out of range and bad months', async () => {
    const weights = await supervisor.put('/api/satisfaction/weights', { ...DEFAULT_CSS_WEIGHTS, car_clean: 30 });
    expect(weights.statusCode).toBe(400);
    expect((await agent.get('/api/satisfaction/weights')).json()).toEqual(DEFAULT_CSS_WEIGHTS);
    const score = await supervisor.put('/api/satisfaction/css', { month: '2026-09', store: { sampleSize: 10, cssScore: 90, items: { ...ITEMS, car_clean: 1200 } } });
    expect(score.statusCode).toBe(400);
    expect(fieldsOf(score)).toEqual(['store.items.car_clean']);
    expect((await supervisor.put('/api/satisfaction/css', { month: '2026-13', store: { sampleSize: 1, cssScore: 90, items: ITEMS } })).statusCode).toBe(400);
    expect((await agent.get('/api/satisfaction/css?from=2026-09&to=2026-09')).json()).toEqual([]);
    // Agents read the scores; only supervisors enter them.
    expect((await agent.put('/api/satisfaction/css', { month: '2026-09', store: { sampleSize: 1, cssScore: 90, items: ITEMS } })).statusCode).toBe(403);
    const technician = await t.as('technician');
    expect((await technician.get('/api/satisfaction/trend?from=2026-01&to=2026-12')).statusCode).toBe(403);
  });

  it('keeps each store’s scores to itself', async () => {
    const other = await t.as('front_desk_supervisor', 1);
    expect((await other.get('/api/satisfaction/css?from=2026-10&to=2026-10')).json()).toEqual([]);
  });
});

describe('mystery shopper and trend', () => {
  it('records sections with the share passed and the 1000-scale score', async () => {
    const res = await supervisor.put('/api/satisfaction/pt', { month: '2026-10',
      sections: [
        { section: 'reception', items: 8, passed: 8 },
        { section: 'job_definition', items: 3, passed: 3 },
        { section: 'waiting', items: 4, passed: 3 },
        { section: 'delivery', items: 4, passed: 4 },
        { section: 'facilities', items: 11, passed: 10 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().score).toBe(933);
    expect(res.json().target).toBe(950);
    expect(res.json().sections.find((s: { section: string }) => s.section === 'waiting').share).toBe(75);
    const bad = await supervisor.put('/api/satisfaction/pt', { month: '2026-10', sections: [{ section: 'reception', items: 8, passed: 9 }] });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['sections.0.passed']);
  });

  it('gives month rows for the chart and the monthly reports, null where nothing was entered', async () => {
    const trend = (await agent.get('/api/satisfaction/trend?from=2026-09&to=2026-11')).json();
    expect(trend.map((m: { month: string }) => m.month)).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(trend[1]).toEqual({ month: '2026-10', storeMot: 85.3, regionMot: 88, nationMot: 87.5, storeCss: 91.5, regionCss: 89.2, nationCss: 88.1, sampleSize: 42, ptScore: 933 });
    expect(trend[0].storeMot).toBeNull();
    const storeId = t.world.stores[0]!.id;
    const rows = await inStore(t.database.db, storeId, (tx) => manufacturerScores(tx, storeId, '2026-10', '2026-10'));
    expect(rows[0]!.storeMot).toBe(85.3);
    expect((await agent.get('/api/satisfaction/trend?from=2020-01&to=2026-12')).statusCode).toBe(400);
  });
});
