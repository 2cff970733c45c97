import type { Page } from '#contracts/common';
import type { Store, StoreCreate } from '#contracts/stores';
import type { UpdateOf } from '../../components/form/RecordDrawer';
import { api, resource, type ListParams, type Resource } from '../../lib/api';

const base = resource<Store, StoreCreate, UpdateOf<StoreCreate>>('stores', '/api/stores');

/**
 * `/api/stores` answers the whole (short) list of the group's stores as an array; the list page
 * still searches, filters, sorts and pages it like any other.
 */
async function listStores(params: ListParams, signal?: AbortSignal): Promise<Page<Store>> {
  const all = await api.get<Store[]>('/api/stores', undefined, signal);
  const q = params.q?.toLowerCase();
  const active = params.active === 'true' ? true : params.active === 'false' ? false : undefined;
  const filtered = all.filter(
    (s) =>
      (active === undefined || s.active === active) &&
      (!q || [s.code, s.name, s.brand, s.address, s.phone].some((v) => v.toLowerCase().includes(q))),
  );
  const sort = params.sort as keyof Store | undefined;
  if (sort) {
    const dir = params.order === 'desc' ? -1 : 1;
    filtered.sort((a, b) => dir * String(a[sort]).localeCompare(String(b[sort]), 'zh-CN'));
  }
  const start = (params.page - 1) * params.pageSize;
  return { items: filtered.slice(start, start + params.pageSize), total: filtered.length, page: params.page, pageSize: params.pageSize };
}

export const storesApi: Resource<Store, StoreCreate, UpdateOf<StoreCreate>> = { ...base, list: listStores };
