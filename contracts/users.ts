import { z } from 'zod';
import { listQuerySchema } from './common';
import { ROLES, SKILL_GRADES } from './roles';

export const UserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  groupRole: z.enum(ROLES).nullable(),
  active: z.boolean(),
  version: z.number().int(),
  memberships: z.array(
    z.object({
      storeId: z.number().int(),
      role: z.enum(ROLES),
      skillGrade: z.enum(SKILL_GRADES).nullable(),
      team: z.string().nullable(),
    }),
  ),
});
export type User = z.infer<typeof UserSchema>;

export const UserListQuerySchema = listQuerySchema(['username', 'displayName']).extend({
  role: z.enum(ROLES).optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type UserListQuery = z.infer<typeof UserListQuerySchema>;
