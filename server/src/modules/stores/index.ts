export { groupIdOfStore, labourRatesOf, storesOfGroup, getStoreSettings, settingsOf } from './stores.service';
export { storeRoutes } from './stores.routes';
