import { z } from 'zod';
import { ROLES, SKILL_GRADES } from './roles';
import { PERMISSIONS } from './permissions';

export const PASSWORD_MIN_LENGTH = 10;
export const PasswordSchema = z.string().min(PASSWORD_MIN_LENGTH, { error: 'password.tooShort' }).max(200);

export const UsernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[A-Za-z0-9_.-]+$/, { error: 'code.invalid' });

export const LoginSchema = z.object({
  username: z.string().trim().min(1, { error: 'login.username' }).max(40),
  password: z.string().min(1).max(200),
});

export const StoreRefSchema = z.object({ id: z.number().int(), name: z.string(), code: z.string() });

export const MeSchema = z.object({
  user: z.object({ id: z.number().int(), username: z.string(), displayName: z.string() }),
  store: StoreRefSchema.extend({ timeZone: z.string() }),
  role: z.enum(ROLES),
  permissions: z.array(z.enum(PERMISSIONS)),
  stores: z.array(StoreRefSchema.extend({ role: z.enum(ROLES) })),
});
export type Me = z.infer<typeof MeSchema>;

export const SwitchStoreSchema = z.object({ storeId: z.number().int().positive() });
export const ChangePasswordSchema = z.object({ currentPassword: z.string().min(1), newPassword: PasswordSchema });

export const MembershipInputSchema = z.object({
  storeId: z.number().int().positive(),
  role: z.enum(ROLES),
  skillGrade: z.enum(SKILL_GRADES).nullable().default(null),
  team: z.string().trim().max(40).nullable().default(null),
});

export const UserCreateSchema = z.object({
  username: UsernameSchema,
  displayName: z.string().trim().min(1).max(40),
  phone: z.string().trim().max(20).nullable().default(null),
  password: PasswordSchema,
  groupRole: z.enum(ROLES).nullable().default(null),
  memberships: z.array(MembershipInputSchema).max(50).default([]),
});
export type UserCreate = z.infer<typeof UserCreateSchema>;

/** Full replacement of the editable fields; `password` only when an admin resets it. */
export const UserUpdateSchema = z.object({
  displayName: z.string().trim().min(1).max(40),
  phone: z.string().trim().max(20).nullable().default(null),
  active: z.boolean().default(true),
  groupRole: z.enum(ROLES).nullable().default(null),
  password: PasswordSchema.optional(),
  memberships: z.array(MembershipInputSchema).max(50).default([]),
  version: z.number().int(),
});
export type UserUpdate = z.infer<typeof UserUpdateSchema>;
