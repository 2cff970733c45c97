export { identityRoutes, SESSION_COOKIE } from './identity.routes';
export { resolveSession } from './identity.service';
export { hashPassword } from './passwords';
export { staffRoutes } from './staff.routes';
export { hasValidCertification, staffName } from './staff.service';
