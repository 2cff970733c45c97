export { serviceItemRoutes } from './service-items.routes';
export {
  getMaintenancePackage,
  getServiceItem,
  listMaintenancePackages,
  listServiceItems,
  packageWithItems,
  pricedServiceItems,
  priceServiceItem,
  suggestPackage,
} from './service-items.service';
