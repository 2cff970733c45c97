import type { SearchQuery, SearchResponse, SearchResult } from '#contracts/customers-tools';
import { formatPlate } from '#contracts/vehicle';
import { inStore } from '../../db/scope';
import type { Ctx } from '../../platform/context';
import { modelLabel } from './customers.repository';
import { RANK_KINDS, searchDetails, searchHits, type Hit } from './search.repository';
import { shapeOf } from './search-keys';
import { nameFor, phoneFor, presentationOf } from './views';

/**
 * The header's search box (SPEC §3, §5 "identify the car by plate, VIN, phone or name, partial
 * input"): every hit says what matched; exact before prefix before contains, and plate/VIN hits
 * first when the query looks like a plate or a VIN. Names and phones are masked as in lists.
 * Two statements inside the store's transaction: the hits, then the records ranked first.
 */
export function search(ctx: Ctx, query: SearchQuery): Promise<SearchResponse> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const shape = shapeOf(query.q);
    const hits = await searchHits(tx, ctx.storeId, shape, query.limit);

    // One entry per record, keeping its best hit.
    const score = (h: Hit) => (shape.vehicleLike && h.type === 'vehicle' && h.via === null ? 0 : 10) + h.rank * 2 + (h.via ? 1 : 0);
    const best = new Map<string, Hit>();
    for (const h of hits) {
      const key = `${h.type}:${h.id}`;
      const seen = best.get(key);
      if (!seen || score(h) < score(seen)) best.set(key, h);
    }
    const ranked = [...best.values()].sort((a, b) => score(a) - score(b) || a.type.localeCompare(b.type) || b.id - a.id).slice(0, query.limit);

    const details = await searchDetails(
      tx,
      ctx.storeId,
      ranked.filter((h) => h.type === 'vehicle').map((h) => h.id),
      ranked.filter((h) => h.type === 'customer').map((h) => h.id),
    );
    const p = presentationOf(ctx, true);

    const items: SearchResult[] = [];
    for (const h of ranked) {
      const kind = h.field === 'vin' && h.rank === 1 ? ('suffix' as const) : (RANK_KINDS[h.rank] ?? 'contains');
      const matched = { field: h.field, kind, via: h.via };
      if (h.type === 'vehicle') {
        const v = details.vehicles.get(h.id);
        if (!v) continue;
        const model = v.model ? modelLabel(v.model) : undefined;
        items.push({
          type: 'vehicle',
          id: h.id,
          title: v.plate ? formatPlate(v.plate) : (v.vin ?? `#${h.id}`),
          subtitle: [model, v.owner ? nameFor(p, v.owner) : undefined, v.plate && v.vin ? `VIN …${v.vin.slice(-6)}` : undefined].filter(Boolean).join(' · '),
          matched,
        });
      } else {
        const c = details.customers.get(h.id);
        if (!c) continue;
        items.push({
          type: 'customer',
          id: h.id,
          title: nameFor(p, c),
          subtitle: [phoneFor(p, c.mobile), c.kind === 'company' ? '单位' : undefined].filter(Boolean).join(' · '),
          matched,
        });
      }
    }
    return { q: query.q, items };
  });
}
