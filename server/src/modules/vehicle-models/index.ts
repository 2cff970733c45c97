export { vehicleModelRoutes } from './vehicle-models.routes';
export { assertVehicleModelInStore, getVehicleModel, listVehicleModels } from './vehicle-models.service';
