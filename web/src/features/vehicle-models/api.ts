import type { VehicleModel, VehicleModelCreate } from '#contracts/vehicle-models';
import type { UpdateOf } from '../../components/form/RecordDrawer';
import { resource } from '../../lib/api';

export const vehicleModelsApi = resource<VehicleModel, VehicleModelCreate, UpdateOf<VehicleModelCreate>>('vehicle-models', '/api/vehicle-models');

/** `丰田 凯美瑞 2.0G 豪华版 (2024)`: how a model is named wherever it is picked or shown. */
export function vehicleModelName(m: Pick<VehicleModel, 'brand' | 'series' | 'model' | 'year'>): string {
  return `${m.brand} ${m.series} ${m.model}${m.year ? ` (${m.year})` : ''}`;
}
