export { bayRoutes } from './bays.routes';
export { getBay, listBays } from './bays.service';
