import { useQuery } from '@tanstack/react-query';
import type { ServiceItem, ServiceItemCreate, ServiceItemPrice } from '#contracts/service-items';
import type { JobType, Store } from '#contracts/stores';
import { useCan, useMe } from '../../app/auth';
import type { UpdateOf } from '../../components/form/RecordDrawer';
import { api, resource } from '../../lib/api';

export const serviceItemsApi = resource<ServiceItem, ServiceItemCreate, UpdateOf<ServiceItemCreate>>('service-items', '/api/service-items');

/**
 * The store's labour rate (工时单价, fen per hour) for a job type, for the price hint of the form.
 * Roles that may read the store get all rates; others learn the rate of a saved item's own job
 * type from its price endpoint. Null when neither is available.
 */
export function useLabourRate(jobType: JobType | undefined, itemId: number | null, savedJobType: JobType | undefined): number | null {
  const me = useMe();
  const canReadStore = useCan()('store:read');
  const store = useQuery({
    queryKey: ['stores', 'record', me.store.id],
    queryFn: () => api.get<Store>(`/api/stores/${me.store.id}`),
    enabled: canReadStore,
    staleTime: 5 * 60_000,
  });
  const price = useQuery({
    queryKey: [serviceItemsApi.key, 'price', itemId],
    queryFn: () => api.get<ServiceItemPrice>(`/api/service-items/${itemId}/price`),
    enabled: !canReadStore && itemId !== null,
  });
  if (!jobType) return null;
  if (store.data) return store.data.labourRates[jobType] ?? null;
  if (price.data && savedJobType === jobType) return price.data.labourRateFen;
  return null;
}
