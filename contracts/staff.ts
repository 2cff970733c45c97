import { z } from 'zod';
import { IdSchema, listQuerySchema } from './common';
import { ROLES, SKILL_GRADES } from './roles';

/**
 * Staff profiles (SPEC §2): a store member's skill grade (技能等级), team and manufacturer
 * certifications (厂家认证, "持证上岗"). Accounts and roles themselves are managed under users.
 */

/** A calendar day `YYYY-MM-DD` (a real one: 2025-02-30 is refused). */
const DaySchema = z.iso.date({ error: 'date.invalid' });

export const CertificationSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  issuer: z.string(),
  certifiedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  /** Expired as of today in the store's time zone; valid through the expiry day itself. */
  expired: z.boolean(),
});
export type Certification = z.infer<typeof CertificationSchema>;

export const StaffMemberSchema = z.object({
  userId: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  skillGrade: z.enum(SKILL_GRADES).nullable(),
  team: z.string().nullable(),
  active: z.boolean(),
  /** The user record's version: profile edits bump it, like any other change of the user. */
  version: z.number().int(),
  certifications: z.array(CertificationSchema),
});
export type StaffMember = z.infer<typeof StaffMemberSchema>;

export const StaffListQuerySchema = listQuerySchema(['displayName', 'username', 'role', 'team']).extend({
  role: z.enum(ROLES).optional(),
  team: z.string().trim().max(40).optional(),
  skillGrade: z.enum(SKILL_GRADES).optional(),
});
export type StaffListQuery = z.infer<typeof StaffListQuerySchema>;

/** Full replacement of the profile fields; an omitted field is cleared. */
export const StaffProfileUpdateSchema = z.object({
  skillGrade: z.enum(SKILL_GRADES).nullable().default(null),
  team: z
    .string()
    .trim()
    .max(40)
    .nullable()
    .default(null)
    .transform((v) => (v === '' ? null : v)),
  version: z.number().int(),
});
export type StaffProfileUpdate = z.infer<typeof StaffProfileUpdateSchema>;

export const CertificationCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    issuer: z.string().trim().max(60).default(''),
    certifiedOn: DaySchema,
    expiresOn: DaySchema,
  })
  .refine((c) => c.expiresOn >= c.certifiedOn, { error: 'certification.expiryOrder', path: ['expiresOn'] });
export type CertificationCreate = z.infer<typeof CertificationCreateSchema>;

export const StaffParamsSchema = z.object({ userId: IdSchema });
export const CertificationParamsSchema = z.object({ userId: IdSchema, id: IdSchema });

/** Today's date `YYYY-MM-DD` in a time zone (a store's "today", DESIGN §3). */
export function localDay(at: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** A certificate is valid on `day` from its certification day through its expiry day; open ends never limit it. */
export function isCertificationValidOn(cert: { certifiedOn: string | null; expiresOn: string | null }, day: string): boolean {
  return (cert.certifiedOn === null || cert.certifiedOn <= day) && (cert.expiresOn === null || cert.expiresOn >= day);
}
