export { serviceItemRoutes } from './service-items.routes';
export {
  getMaintenancePackage,
  getServiceItem,
  listMaintenancePackages,
  listServiceItems,
  priceServiceItem,
} from './service-items.service';
