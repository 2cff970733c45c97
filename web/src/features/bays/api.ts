import type { Bay, BayCreate } from '#contracts/bays';
import { resource } from '../../lib/api';
import type { UpdateOf } from '../../components/form/RecordDrawer';

export const baysApi = resource<Bay, BayCreate, UpdateOf<BayCreate>>('bays', '/api/bays');
