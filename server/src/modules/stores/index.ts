export { groupIdOfStore, storesOfGroup, getStoreSettings, settingsOf } from './stores.service';
export { storeRoutes } from './stores.routes';
