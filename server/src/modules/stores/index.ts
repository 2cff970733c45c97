export { groupIdOfStore, labourRatesOf, storesOfGroup, getStoreSettings, settingsOf, storeSettingsIn } from './stores.service';
export { storeRoutes } from './stores.routes';
