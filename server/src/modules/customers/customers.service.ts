import {
  COMPLETE_FILE_THRESHOLD,
  MASKED_PHONE_PATTERN,
  maskAnyPhone,
  type CappedPage,
  type Customer,
  type CustomerCreate,
  type CustomerListQuery,
  type CustomerUpdate,
  type RevealedPhones,
} from '#contracts/customers';
import type { CustomerDetail, TimelineQuery } from '#contracts/customers-vehicles';
import type { DuplicateCandidate, QualityReport } from '#contracts/customers-tools';
import { MESSAGES } from '#contracts/messages';
import { formatPlate } from '#contracts/vehicle';
import { inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { AppError, invalidField, notFound, staleVersion } from '../../platform/errors';
import { pageOf } from '../../platform/pagination';
import * as repo from './customers.repository';
import { refreshCustomers } from './derived';
import * as quality from './quality.repository';
import { customerSearchColumns } from './search-keys';
import { addTimelineEvent, listTimeline } from './timeline';
import { fullPresentation, nameFor, phoneFor, presentationOf, toCustomer, type Presentation } from './views';

export const CUSTOMER = { zh: '客户档案', en: 'Customer file' };

export const mergedAlready = () =>
  new AppError('CONFLICT', { zh: '该档案已合并到其他档案，请编辑保留的档案', en: 'This file was merged into another one; edit the surviving file' });

export function duplicateError(candidates: DuplicateCandidate[]): AppError {
  return new AppError(
    'DUPLICATE',
    { zh: '已存在相同手机号、VIN 码或车牌号的档案', en: 'A file with the same mobile, VIN or plate exists already' },
    { candidates },
  );
}

export function customerCandidate(row: repo.CustomerRow, p: Presentation): DuplicateCandidate {
  const mobile = phoneFor(p, row.mobile);
  return { type: 'customer', id: row.id, title: [nameFor({ ...p, list: true }, row), mobile].filter(Boolean).join(' '), matched: 'mobile' };
}

export function vehicleCandidate(row: repo.VehicleRow, matched: 'vin' | 'plate'): DuplicateCandidate {
  return { type: 'vehicle', id: row.id, title: row.plate ? formatPlate(row.plate) : (row.vin ?? `#${row.id}`), matched };
}

const PHONE_INVALID = MESSAGES['phone.invalid'];
const OTHER_PHONE_INVALID = MESSAGES['phone.otherInvalid'];

/** A masked number sent back by an edit form means "keep the stored one" (it must be one of them). */
function resolvePhones(input: { mobile: string | null; otherPhones: string[] }, before: repo.CustomerRow | null) {
  let mobile = input.mobile;
  if (mobile !== null && MASKED_PHONE_PATTERN.test(mobile)) {
    if (!before?.mobile || maskAnyPhone(before.mobile) !== mobile) throw invalidField('mobile', PHONE_INVALID);
    mobile = before.mobile;
  }
  const pool = [...(before?.otherPhones ?? [])];
  const otherPhones = input.otherPhones.map((phone, i) => {
    if (!MASKED_PHONE_PATTERN.test(phone)) return phone;
    const at = pool.findIndex((p) => maskAnyPhone(p) === phone);
    if (at < 0) throw invalidField(`otherPhones.${i}`, OTHER_PHONE_INVALID);
    return pool.splice(at, 1)[0]!;
  });
  return { mobile, otherPhones: [...new Set(otherPhones.filter((p) => p !== mobile))] };
}

async function checkAdvisor(tx: Executor, storeId: number, advisorId: number | null) {
  if (advisorId === null) return;
  if (!(await repo.findStoreMember(tx, storeId, advisorId))) {
    throw invalidField('preferredAdvisorId', { zh: '该员工不属于本门店', en: 'Not a member of this store' });
  }
}

function customerFields(input: Omit<CustomerCreate, 'confirmDuplicate'>, phones: { mobile: string | null; otherPhones: string[] }) {
  return {
    kind: input.kind,
    name: input.name,
    mobile: phones.mobile,
    otherPhones: phones.otherPhones,
    address: input.address,
    source: input.source,
    outletName: input.outletName,
    consentPhone: input.consent.phone,
    consentSms: input.consent.sms,
    consentWechat: input.consent.wechat,
    preferredAdvisorId: input.preferredAdvisorId,
    tags: input.tags,
    notes: input.notes,
    ...customerSearchColumns({ name: input.name, mobile: phones.mobile, otherPhones: phones.otherPhones }),
  };
}

/** What the audit log keeps of a file (the full record: the audit log is not a list). */
const auditView = (row: repo.CustomerRow) => toCustomer(row, fullPresentation);

export function listCustomers(ctx: Ctx, query: CustomerListQuery): Promise<CappedPage<Customer>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { rows, total, totalCapped } = await repo.listCustomers(tx, ctx.storeId, query);
    const p = presentationOf(ctx, true);
    return { ...pageOf(query, rows.map((r) => toCustomer(r, p)), total), totalCapped };
  });
}

export async function loadCustomerDetail(tx: Executor, ctx: Ctx, id: number): Promise<CustomerDetail> {
  const row = await repo.findCustomer(tx, ctx.storeId, id);
  if (!row) throw notFound(CUSTOMER);
  const vehicles = await repo.vehiclesOfCustomers(tx, ctx.storeId, [id], true);
  const models = await repo.modelsByIds(tx, ctx.storeId, vehicles.map((v) => v.vehicleModelId));
  const advisorName = row.preferredAdvisorId === null ? null : await repo.findUserName(tx, ctx.storeId, row.preferredAdvisorId);
  return {
    ...toCustomer(row, presentationOf(ctx, false)),
    preferredAdvisorName: advisorName,
    vehicles: vehicles.map((v) => ({
      id: v.id,
      plateDisplay: v.plate === null ? null : formatPlate(v.plate),
      vin: v.vin,
      modelName: v.vehicleModelId === null ? null : (models.get(v.vehicleModelId)?.name ?? null),
      role: v.ownerId === id ? ('owner' as const) : ('driver' as const),
      nextDueDate: v.nextDueDate,
    })),
  };
}

export function getCustomer(ctx: Ctx, id: number): Promise<CustomerDetail> {
  return inStore(ctx.db, ctx.storeId, (tx) => loadCustomerDetail(tx, ctx, id));
}

export function createCustomer(ctx: Ctx, input: CustomerCreate): Promise<Customer> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const phones = resolvePhones(input, null);
    await checkAdvisor(tx, ctx.storeId, input.preferredAdvisorId);
    if (phones.mobile && !input.confirmDuplicate) {
      const twins = await repo.findCustomersByPhone(tx, ctx.storeId, phones.mobile);
      if (twins.length) throw duplicateError(twins.map((t) => customerCandidate(t, presentationOf(ctx, true))));
    }
    const created = await repo.insertCustomer(tx, { storeId: ctx.storeId, ...customerFields(input, phones) });
    await refreshCustomers(tx, ctx.storeId, [created.id]);
    const row = (await repo.findCustomer(tx, ctx.storeId, created.id))!;
    await addTimelineEvent(tx, ctx.storeId, { customerId: row.id, kind: 'file_created', title: `建档：${row.name}`, actor: ctx.actor });
    await writeAudit(ctx, tx, { action: 'customer.created', entity: 'customer', entityId: row.id, after: auditView(row) });
    return toCustomer(row, presentationOf(ctx, false));
  });
}

export function updateCustomer(ctx: Ctx, id: number, input: CustomerUpdate): Promise<Customer> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const before = await repo.findCustomer(tx, ctx.storeId, id, { forUpdate: true });
    if (!before) throw notFound(CUSTOMER);
    if (before.mergedIntoId !== null) throw mergedAlready();
    const phones = resolvePhones(input, before);
    if (input.preferredAdvisorId !== before.preferredAdvisorId) await checkAdvisor(tx, ctx.storeId, input.preferredAdvisorId);
    if (phones.mobile && phones.mobile !== before.mobile && !input.confirmDuplicate) {
      const twins = await repo.findCustomersByPhone(tx, ctx.storeId, phones.mobile, id);
      if (twins.length) throw duplicateError(twins.map((t) => customerCandidate(t, presentationOf(ctx, true))));
    }
    const updated = await repo.updateCustomer(tx, ctx.storeId, id, input.version, customerFields(input, phones));
    if (!updated) throw staleVersion();
    await refreshCustomers(tx, ctx.storeId, [id]);
    const row = (await repo.findCustomer(tx, ctx.storeId, id))!;
    await writeAudit(ctx, tx, { action: 'customer.updated', entity: 'customer', entityId: id, before: auditView(before), after: auditView(row) });
    return toCustomer(row, presentationOf(ctx, false));
  });
}

/** The full numbers of a file, for a role that may see them; every reveal is audit-logged. */
export function revealPhones(ctx: Ctx, id: number): Promise<RevealedPhones> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const row = await repo.findCustomer(tx, ctx.storeId, id);
    if (!row) throw notFound(CUSTOMER);
    await writeAudit(ctx, tx, {
      action: 'customer.phone_revealed',
      entity: 'customer',
      entityId: id,
      after: { fields: ['mobile', 'otherPhones'].filter((f) => (f === 'mobile' ? row.mobile : row.otherPhones.length)) },
    });
    return { id: row.id, mobile: row.mobile, otherPhones: row.otherPhones };
  });
}

export function customerTimeline(ctx: Ctx, id: number, query: TimelineQuery) {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    if (!(await repo.findCustomer(tx, ctx.storeId, id))) throw notFound(CUSTOMER);
    return listTimeline(tx, ctx.storeId, { customerId: id }, query);
  });
}

/** Completeness per source and outlet (SPEC §3: outlets are measured on it), and what is missing. */
export function qualityReport(ctx: Ctx): Promise<QualityReport> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const threshold = COMPLETE_FILE_THRESHOLD;
    const groups = await quality.completenessBySource(tx, ctx.storeId, threshold);
    const missing = await quality.missingCounts(tx, ctx.storeId);
    const files = groups.reduce((s, g) => s + g.files, 0);
    const sum = groups.reduce((s, g) => s + g.sum, 0);
    return {
      threshold,
      overall: { files, averageCompleteness: files ? Math.round((sum * 10) / files) / 10 : 0, incomplete: groups.reduce((s, g) => s + g.incomplete, 0) },
      bySource: groups.map((g) => ({
        source: g.source,
        outletName: g.outletName,
        files: g.files,
        averageCompleteness: g.files ? Math.round((g.sum * 10) / g.files) / 10 : 0,
        incomplete: g.incomplete,
      })),
      missing,
    };
  });
}
