import type { MaintenancePackage, MaintenancePackageCreate } from '#contracts/service-items';
import type { UpdateOf } from '../../components/form/RecordDrawer';
import { resource } from '../../lib/api';

export const packagesApi = resource<MaintenancePackage, MaintenancePackageCreate, UpdateOf<MaintenancePackageCreate>>(
  'maintenance-packages',
  '/api/maintenance-packages',
);
