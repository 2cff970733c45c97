import { useQuery } from '@tanstack/react-query';
import type { VehicleModel } from '#contracts/vehicle-models';
import { queryClient } from '../../app/queryClient';
import { vehicleModelName, vehicleModelsApi } from './api';

const keyOf = (id: number) => [vehicleModelsApi.key, 'record', id];

/** The name of a referenced vehicle model, fetched (and cached) on demand. */
export function VehicleModelName({ id, empty }: { id: number | null; empty: string }) {
  const model = useQuery({ queryKey: keyOf(id ?? 0), queryFn: () => vehicleModelsApi.get(id!), enabled: id !== null, staleTime: 60_000 });
  if (id === null) return <>{empty}</>;
  return <>{model.data ? vehicleModelName(model.data) : '…'}</>;
}

/** The same name for an export, from what the screen has already loaded. */
export function cachedVehicleModelName(id: number | null, empty: string): string {
  if (id === null) return empty;
  const model = queryClient.getQueryData<VehicleModel>(keyOf(id));
  return model ? vehicleModelName(model) : '';
}
