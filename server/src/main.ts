import { loadConfig } from './config';
import { buildApp } from './app';
import { openDatabase } from './db/open';
import { startJobs, type JobRunner } from './platform/jobs';
import { DEMO_PASSWORD, demoLogins, hasAnyStore, seedDemo } from './demo';

/** Boot: config → database (migrated) → demo data on first start → HTTP → clean shutdown. */
async function main() {
  const config = loadConfig();
  const database = await openDatabase(config.database, { migrate: true });
  let closing = false;
  // Started once the server listens; a signal before that has none to stop.
  const started: { jobs?: JobRunner } = {};
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await started.jobs?.stop().catch(() => {});
    await app.close().catch(() => {});
    await database.close().catch(() => {});
    process.exit(0);
  };
  if (config.demoSeed && !(await hasAnyStore(database.db))) {
    console.log('首次启动：正在生成演示数据… / first start: generating demo data…');
    await seedDemo(database, { stores: 3, years: 2, seed: 20261123 });
  }
  const app = await buildApp({ config, database });
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
  // Scheduled work (DESIGN §6): the modules registered their jobs when app.ts imported them.
  started.jobs = await startJobs(database, {
    clock: app.clock,
    adminUrl: config.database.kind === 'postgres' ? config.database.adminUrl : undefined,
    onError: (job, err) => app.log.error({ err, job }, 'job failed'),
  });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  const logins = await demoLogins(database.db);
  console.log(`\n售后服务管理系统 Aftersales is running: ${url}\nAPI docs: ${url}/docs\nDatabase: ${database.kind}`);
  if (logins.length) {
    console.log(`\n演示账号 Demo logins (password 密码: ${DEMO_PASSWORD})`);
    for (const l of logins) console.log(`  ${l.username.padEnd(14)} ${l.role}`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
