import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '#contracts/staff';
import { ROLES } from '#contracts/roles';
import { buildTestApp, type Client, type TestApp } from '../../../test/app';
import { inStore } from '../../db/scope';
import { hasValidCertification } from './index';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const fieldsOf = (body: { error: { details: { fields: { path: string }[] } } }) => body.error.details.fields.map((f) => f.path);
const del = (client: Client, url: string) => client.request({ method: 'DELETE', url });

/** The staff entry of the fixture user `${role}.${storeIndex}` as store 0 sees it. */
async function member(client: Client, username: string) {
  const list = (await client.get(`/api/staff?q=${encodeURIComponent(username)}`)).json();
  const found = list.items.find((m: { username: string }) => m.username === username);
  expect(found).toBeDefined();
  return found;
}

function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('staff profiles', () => {
  it("lists the active store's members with filters and paging", async () => {
    const manager = await t.as('after_sales_manager');
    const all = (await manager.get('/api/staff?pageSize=200')).json();
    const storeRoles = ROLES.filter((r) => r !== 'group_admin');
    expect(all.total).toBe(storeRoles.length);
    expect(all.items.map((m: { username: string }) => m.username).sort()).toEqual(storeRoles.map((r) => `${r}.0`).sort());
    expect(all.items[0]).toHaveProperty('certifications');

    const techs = (await manager.get('/api/staff?role=technician')).json();
    expect(techs).toMatchObject({ total: 1, items: [{ username: 'technician.0', role: 'technician', skillGrade: null, team: null }] });

    const page2 = (await manager.get('/api/staff?pageSize=5&page=2&sort=username')).json();
    expect(page2).toMatchObject({ total: storeRoles.length, page: 2, pageSize: 5 });
    expect(page2.items).toHaveLength(5);

    expect((await manager.get('/api/staff?role=pilot')).statusCode).toBe(400);
  });

  it('sets skill grade and team, bumping the version, with an audit row', async () => {
    const supervisor = await t.as('workshop_supervisor');
    const tech = await member(supervisor, 'team_leader.0');
    const res = await supervisor.put(`/api/staff/${tech.userId}`, { skillGrade: 'senior', team: '1组', version: tech.version });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ userId: tech.userId, role: 'team_leader', skillGrade: 'senior', team: '1组', version: tech.version + 1 });
    expect((await supervisor.get(`/api/staff?team=${encodeURIComponent('1组')}`)).json()).toMatchObject({ total: 1, items: [{ userId: tech.userId }] });
    expect((await supervisor.get('/api/staff?skillGrade=senior')).json().total).toBe(1);
    expect((await supervisor.get(`/api/staff/${tech.userId}`)).json().skillGrade).toBe('senior');

    const audit = (await (await t.as('after_sales_manager')).get(`/api/audit?entity=staff&entityId=${tech.userId}`)).json();
    expect(audit.items[0]).toMatchObject({ action: 'staff.profile_updated', before: { skillGrade: null, team: null }, after: { skillGrade: 'senior', team: '1组' } });

    // The user editor sees the change in the user's memberships and must use the new version.
    const admin = await t.as('group_admin');
    const user = (await admin.get(`/api/users/${tech.userId}`)).json();
    expect(user.version).toBe(tech.version + 1);
    expect(user.memberships[0]).toMatchObject({ skillGrade: 'senior', team: '1组' });
  });

  it('names the bad fields in a 400 and changes nothing', async () => {
    const manager = await t.as('after_sales_manager');
    const tech = await member(manager, 'technician.0');
    const res = await manager.put(`/api/staff/${tech.userId}`, { skillGrade: 'guru', team: 'x'.repeat(41) });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.json())).toEqual(expect.arrayContaining(['skillGrade', 'team', 'version']));
    expect(await member(manager, 'technician.0')).toEqual(tech);
  });

  it('answers 409 to a stale version', async () => {
    const manager = await t.as('after_sales_manager');
    const tech = await member(manager, 'technician.0');
    expect((await manager.put(`/api/staff/${tech.userId}`, { skillGrade: 'intermediate', team: '2组', version: tech.version })).statusCode).toBe(200);
    const stale = await manager.put(`/api/staff/${tech.userId}`, { skillGrade: 'junior', team: null, version: tech.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    expect(await member(manager, 'technician.0')).toMatchObject({ skillGrade: 'intermediate', team: '2组' });
  });

  it('answers 404 for a user of another store or a group user', async () => {
    const otherManager = await t.as('after_sales_manager', 1);
    const other = await member(otherManager, 'technician.1');
    const admin = (await (await t.as('group_admin')).get('/api/users?q=group_admin.0')).json().items[0];
    const manager = await t.as('after_sales_manager');
    for (const userId of [other.userId, admin.id]) {
      expect((await manager.get(`/api/staff/${userId}`)).statusCode).toBe(404);
      expect((await manager.put(`/api/staff/${userId}`, { skillGrade: 'senior', team: null, version: other.version })).statusCode).toBe(404);
      const cert = await manager.post(`/api/staff/${userId}/certifications`, { name: 'x', certifiedOn: '2025-01-01', expiresOn: '2026-01-01' });
      expect(cert.statusCode).toBe(404);
    }
    const list = (await manager.get('/api/staff?pageSize=200')).json();
    expect(list.items.map((m: { userId: number }) => m.userId)).not.toContain(other.userId);
    expect(await member(otherManager, 'technician.1')).toEqual(other);
  });

  it('forbids roles without staff:read / staff:manage', async () => {
    const tech = await t.as('technician');
    expect((await tech.get('/api/staff')).statusCode).toBe(403);
    const leader = await t.as('team_leader');
    const someone = await member(leader, 'technician.0');
    expect((await leader.put(`/api/staff/${someone.userId}`, { skillGrade: 'senior', team: null, version: someone.version })).statusCode).toBe(403);
    expect((await leader.post(`/api/staff/${someone.userId}/certifications`, { name: 'x', certifiedOn: '2025-01-01', expiresOn: '2026-01-01' })).statusCode).toBe(403);
  });
});

describe('certifications', () => {
  it('adds certificates with an expired flag in the store time zone, and deletes one with an audit row', async () => {
    const manager = await t.as('after_sales_manager');
    const tech = await member(manager, 'technician.0');
    const today = localDay(new Date(), 'Asia/Shanghai');
    const valid = await manager.post(`/api/staff/${tech.userId}/certifications`, {
      name: '新能源高压作业证',
      issuer: '应急管理部',
      certifiedOn: shiftDay(today, -365),
      expiresOn: today,
    });
    expect(valid.statusCode).toBe(201);
    expect(valid.json()).toMatchObject({ name: '新能源高压作业证', issuer: '应急管理部', expiresOn: today, expired: false });
    const old = await manager.post(`/api/staff/${tech.userId}/certifications`, {
      name: '变速箱专项认证',
      certifiedOn: shiftDay(today, -800),
      expiresOn: shiftDay(today, -1),
    });
    expect(old.json()).toMatchObject({ issuer: '', expired: true });

    const certs = (await member(manager, 'technician.0')).certifications;
    expect(certs.map((c: { id: number; expired: boolean }) => [c.id, c.expired])).toEqual(
      expect.arrayContaining([
        [valid.json().id, false],
        [old.json().id, true],
      ]),
    );

    const removed = await del(manager, `/api/staff/${tech.userId}/certifications/${old.json().id}`);
    expect(removed.statusCode).toBe(200);
    expect((await member(manager, 'technician.0')).certifications.map((c: { id: number }) => c.id)).toEqual([valid.json().id]);
    expect((await del(manager, `/api/staff/${tech.userId}/certifications/${old.json().id}`)).statusCode).toBe(404);
    const audit = (await manager.get(`/api/audit?entity=certification&entityId=${old.json().id}`)).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(['certification.deleted', 'certification.created']);
    expect(audit.items[0].before).toMatchObject({ userId: tech.userId, name: '变速箱专项认证' });
  });

  it('names bad certificate fields in a 400 and adds nothing', async () => {
    const manager = await t.as('after_sales_manager');
    const tech = await member(manager, 'technician.0');
    const backwards = await manager.post(`/api/staff/${tech.userId}/certifications`, { name: 'x', certifiedOn: '2025-06-01', expiresOn: '2025-05-31' });
    expect(backwards.statusCode).toBe(400);
    expect(fieldsOf(backwards.json())).toEqual(['expiresOn']);
    expect(backwards.json().error.message).toContain('到期日期不能早于发证日期');
    const bad = await manager.post(`/api/staff/${tech.userId}/certifications`, { name: '', certifiedOn: '2025-02-30', expiresOn: '2025/12/01' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.json())).toEqual(expect.arrayContaining(['name', 'certifiedOn', 'expiresOn']));
    expect((await member(manager, 'technician.0')).certifications).toEqual(tech.certifications);
  });

  it("answers 404 when deleting another store's certificate", async () => {
    const otherManager = await t.as('after_sales_manager', 1);
    const other = await member(otherManager, 'technician.1');
    const cert = (await otherManager.post(`/api/staff/${other.userId}/certifications`, { name: 'x', certifiedOn: '2025-01-01', expiresOn: '2030-01-01' })).json();
    const manager = await t.as('after_sales_manager');
    const mine = await member(manager, 'technician.0');
    expect((await del(manager, `/api/staff/${other.userId}/certifications/${cert.id}`)).statusCode).toBe(404);
    expect((await del(manager, `/api/staff/${mine.userId}/certifications/${cert.id}`)).statusCode).toBe(404);
    expect((await member(otherManager, 'technician.1')).certifications).toHaveLength(1);
    expect((await del(await t.as('technician', 1), `/api/staff/${other.userId}/certifications/${cert.id}`)).statusCode).toBe(403);
  });

  it('tells whether a user holds a valid certificate on a day (持证上岗)', async () => {
    const manager = await t.as('after_sales_manager');
    const lead = await member(manager, 'technical_supervisor.0');
    await manager.post(`/api/staff/${lead.userId}/certifications`, { name: 'ADAS 标定认证', certifiedOn: '2025-03-01', expiresOn: '2027-02-28' });
    const storeId = t.world.stores[0]!.id;
    const check = (name: string, day: string, store = storeId) =>
      inStore(t.database.db, store, (tx) => hasValidCertification(tx, store, lead.userId, name, day));
    expect(await check('ADAS 标定认证', '2025-03-01')).toBe(true);
    expect(await check('adas 标定认证', '2027-02-28')).toBe(true);
    expect(await check('ADAS 标定认证', '2027-03-01')).toBe(false);
    expect(await check('ADAS 标定认证', '2025-02-28')).toBe(false);
    expect(await check('变速箱专项认证', '2026-01-01')).toBe(false);
    expect(await check('ADAS 标定认证', '2026-01-01', t.world.stores[1]!.id)).toBe(false);
  });
});
