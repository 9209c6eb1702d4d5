/**
 * Keeps `docker-compose.yml` and the `Dockerfile` valid by construction where no Docker engine runs: every
 * variable a service sets is one its program reads, build targets are stages, ports, health checks and copied
 * paths line up with what the built programs serve, and the demo profile's emulator fits the app. Then "the same
 * configuration" runs: the built server with the app service's environment (its database and Flinks pointed
 * at a PostgreSQL and the built emulator of this test) links a bank.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TOOLBOX } from '@passbook/flinks-sandbox';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig, SETTING_NAMES } from '../../src/config.ts';
import {
  createDataDir,
  createPostgresDatabase,
  type PostgresDatabase,
  TEST_DATABASE_URL,
} from './support/database.ts';
import {
  type ComposeService,
  MissingVariableError,
  namedMounts,
  portMapping,
  readCompose,
  readDockerfile,
  serviceEnvironment,
} from './support/deployment.ts';
import { HttpUser, SESSION_COOKIE, setCookies } from './support/http.ts';
import {
  EMULATOR_ENTRY,
  emulatorEnv,
  killAll,
  REPOSITORY,
  SERVER_ENTRY,
  startEmulator,
  startServer,
  WEB_DIST,
} from './support/processes.ts';

const compose = readCompose();
const dockerfile = readDockerfile();
/** What an operator must export before `docker compose up`; everything else has a default. */
const REQUIRED = {
  SESSION_SECRET: 'compose-session-secret-of-enough-length',
  ENCRYPTION_KEY: 'cd'.repeat(32),
};

function service(name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
}

function stage(name: string) {
  const found = dockerfile.stages.get(name);
  if (!found) throw new Error(`the Dockerfile has no stage ${name}`);
  return found;
}

/** The service's image stage: its build target (the last stage when none is named). */
function stageOf(name: string) {
  return stage(service(name).build?.target ?? [...dockerfile.stages.keys()].at(-1) ?? '');
}

/** The environment a container of the service runs with: its image's ENV, then Compose's. */
function containerEnv(name: string, shell: Record<string, string> = REQUIRED): Record<string, string> {
  return { ...stageOf(name).env, ...serviceEnvironment(service(name), shell) };
}

const built = (entry: string) => readFileSync(entry, 'utf8');

describe('docker-compose.yml and the Dockerfile', () => {
  afterAll(async () => {
    await killAll();
  });

  it('builds every target Compose names from a stage of the Dockerfile', () => {
    const targets = Object.values(compose.services).flatMap((one) => (one.build ? [one.build.target] : []));
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect([...dockerfile.stages.keys()], target).toContain(target);
  });

  it('sets only variables the programs read: the config schema for the app, the emulator’s own', () => {
    const ignored = new Set(['NODE_ENV']);
    const appVariables = Object.keys(containerEnv('app')).filter((name) => !ignored.has(name));
    expect(appVariables.filter((name) => !SETTING_NAMES.includes(name))).toEqual([]);
    const emulator = built(EMULATOR_ENTRY);
    const sandboxVariables = Object.keys(containerEnv('sandbox')).filter((name) => !ignored.has(name));
    expect(sandboxVariables.length).toBeGreaterThan(0);
    expect(
      sandboxVariables.filter((name) => !emulator.includes(`'${name}'`) && !emulator.includes(`"${name}"`)),
    ).toEqual([]);
  });

  it('requires the keys, and gives the config schema a configuration it accepts', () => {
    for (const name of Object.keys(REQUIRED)) {
      const shell = { ...REQUIRED, [name]: undefined } as Record<string, string>;
      expect(() => serviceEnvironment(service('app'), shell), name).toThrow(MissingVariableError);
    }
    const config = loadConfig(containerEnv('app'), '/app');
    expect(config.databaseUrl).not.toBeNull();
    expect(config.flinks.apiUrl).toBe('https://toolbox-api.private.fin.ag');
    expect(config.port).toBe(portMapping(service('app').ports?.[0] ?? '', REQUIRED).container);
    expect(config.host).toBe('0.0.0.0');
  });

  it('points the app at its database service with that service’s credentials, once it is healthy', () => {
    const url = new URL(containerEnv('app').DATABASE_URL ?? '');
    const db = service('db');
    const dbEnv = serviceEnvironment(db, REQUIRED);
    expect(Object.keys(compose.services)).toContain(url.hostname);
    expect(url.hostname).toBe('db');
    expect(decodeURIComponent(url.username)).toBe(dbEnv.POSTGRES_USER);
    expect(decodeURIComponent(url.password)).toBe(dbEnv.POSTGRES_PASSWORD);
    expect(url.pathname).toBe(`/${dbEnv.POSTGRES_DB}`);
    expect(url.port).toBe('5432');
    // The same password variable, whatever the operator sets it to.
    const custom = { ...REQUIRED, POSTGRES_PASSWORD: 'another' };
    expect(new URL(serviceEnvironment(service('app'), custom).DATABASE_URL ?? '').password).toBe(
      serviceEnvironment(db, custom).POSTGRES_PASSWORD,
    );
    expect(service('app').depends_on?.db?.condition).toBe('service_healthy');
    expect(db.healthcheck?.test).toBeDefined();
  });

  it('publishes, exposes and health-checks the ports the programs listen on', () => {
    for (const [name, portVariable] of [
      ['app', 'PORT'],
      ['sandbox', 'SANDBOX_PORT'],
    ] as const) {
      const image = stageOf(name);
      const listens = Number(containerEnv(name)[portVariable]);
      expect(portMapping(service(name).ports?.[0] ?? '', REQUIRED).container, name).toBe(listens);
      expect(image.expose, name).toEqual([listens]);
      expect(
        image.healthUrls.map((url) => Number(new URL(url).port)),
        name,
      ).toEqual([listens]);
      expect(containerEnv(name)[name === 'app' ? 'HOST' : 'SANDBOX_HOST'], name).toBe('0.0.0.0');
    }
  });

  it('copies into each image what its command runs and its settings name', () => {
    const app = stage('app');
    const sandbox = stage('sandbox');
    const copied = (image: typeof app, source: string) =>
      image.copies.find((copy) => copy.from === 'build' && copy.sources.includes(source))?.destination;
    expect(app.cmd).toEqual(['node', 'dist/main.mjs']);
    expect(copied(app, '/src/apps/server/dist')).toBe(`${app.workdir}/dist`);
    expect(copied(app, '/src/apps/web/dist')).toBe(app.env.WEB_DIST_DIR);
    expect(sandbox.cmd).toEqual(['node', 'dist/main.mjs']);
    expect(copied(sandbox, '/src/packages/flinks-sandbox/dist')).toBe(`${sandbox.workdir}/dist`);
    expect(
      existsSync(SERVER_ENTRY) && existsSync(EMULATOR_ENTRY) && existsSync(join(WEB_DIST, 'index.html')),
    ).toBe(true);

    // `pnpm install --frozen-lockfile` runs before the sources are copied: it needs every workspace manifest.
    const workspace = parse(readFileSync(join(REPOSITORY, 'pnpm-workspace.yaml'), 'utf8')) as {
      packages: string[];
    };
    const manifests = workspace.packages.flatMap((pattern) => {
      const base = pattern.replace(/\/\*$/, '');
      if (base === pattern) return [`${base}/package.json`];
      const dir = join(REPOSITORY, base);
      return existsSync(dir) ? readdirSync(dir).map((name) => `${base}/${name}/package.json`) : [];
    });
    const copiedBeforeInstall = stage('build').copies.flatMap((copy) => copy.sources);
    for (const manifest of manifests.filter((path) => existsSync(join(REPOSITORY, path)))) {
      expect(copiedBeforeInstall, manifest).toContain(manifest);
    }
  });

  it('keeps what outlives a container on a declared named volume: the database, the emulator’s logins', () => {
    const kept = [
      { name: 'db', path: '/var/lib/postgresql/data' },
      { name: 'sandbox', path: dirname(containerEnv('sandbox').SANDBOX_LOGIN_FILE ?? '') },
    ];
    for (const { name, path } of kept) {
      const mounts = namedMounts(service(name));
      const volume = [...mounts].find(([, target]) => target === path)?.[0];
      expect(volume, `${name} keeps ${path} on a named volume`).toBeDefined();
      expect(Object.keys(compose.volumes ?? {}), name).toContain(volume);
    }
  });

  it('configures the demo profile’s emulator to fit the app: reachable, same credentials, documented address', () => {
    const sandbox = service('sandbox');
    expect(sandbox.profiles).toEqual(['demo']);
    const listens = Number(containerEnv('sandbox').SANDBOX_PORT);
    const published = portMapping(sandbox.ports?.[0] ?? '', REQUIRED).host;
    // Its control surface hands out logins and changes behaviour: only this machine's browser may reach it.
    expect(sandbox.ports?.[0]?.startsWith('127.0.0.1:'), 'published on the loopback interface only').toBe(
      true,
    );
    // Every demo command and hint names the emulator by its service and port, and Connect by the published port.
    const text = compose.text.replace(/\\\n#\s*/g, ' ');
    const hints = [...text.matchAll(/FLINKS_API_URL=(\S+)\s+FLINKS_CONNECT_URL=(\S+)/g)];
    expect(hints.length).toBeGreaterThan(0);
    for (const [, apiUrl, connectUrl] of hints) {
      expect(apiUrl).toBe(`http://sandbox:${listens}`);
      expect(connectUrl).toBe(`http://localhost:${published}/v2/`);
    }
    for (const [line] of text.matchAll(/^.*--profile demo up.*$/gm)) {
      expect(line, 'a demo command must point the app at the emulator').toContain(
        'FLINKS_API_URL=http://sandbox',
      );
    }
    // The app, pointed at the emulator with the documented settings, sends the credentials the emulator accepts.
    const [, apiUrl = '', connectUrl = ''] = hints[0] ?? [];
    const config = loadConfig({
      ...containerEnv('app', { ...REQUIRED, FLINKS_API_URL: apiUrl, FLINKS_CONNECT_URL: connectUrl }),
    });
    const emulatorCredentials = {
      customerId: containerEnv('sandbox').FLINKS_CUSTOMER_ID ?? TOOLBOX.customerId,
      secretKey: containerEnv('sandbox').FLINKS_SECRET_KEY ?? TOOLBOX.secretKey,
      apiKey: containerEnv('sandbox').FLINKS_API_KEY ?? TOOLBOX.apiKey,
    };
    expect(config.flinks).toMatchObject({ apiUrl, connectUrl, connectDemo: true, ...emulatorCredentials });
  });

  it('health-checks routes the built programs serve, run with their images’ settings', async () => {
    const dataDir = createDataDir();
    try {
      const emulator = await startEmulator({
        ...stage('sandbox').env,
        SANDBOX_LOGIN_FILE: join(dataDir.path, 'sandbox-logins.json'),
        SANDBOX_HOST: '127.0.0.1',
        SANDBOX_PORT: '0',
      });
      const server = await startServer({
        ...stage('app').env,
        ...emulatorEnv(emulator),
        HOST: '127.0.0.1',
        PORT: '0',
        DATA_DIR: dataDir.path,
        WEB_DIST_DIR: WEB_DIST,
      });
      for (const [url, origin] of [
        [stage('app').healthUrls[0], server.url],
        [stage('sandbox').healthUrls[0], emulator.url],
      ]) {
        const path = new URL(url ?? '').pathname;
        const answer = await fetch(`${origin}${path}`);
        expect(answer.status, path).toBe(200);
        expect(answer.headers.get('content-type'), path).toContain('application/json');
      }
      await server.process.stop('SIGTERM');
      await emulator.process.stop('SIGTERM');
    } finally {
      dataDir.remove();
    }
  });

  describe.runIf(TEST_DATABASE_URL)('the app service’s configuration, run against PostgreSQL', () => {
    let database: PostgresDatabase | undefined;
    afterAll(async () => {
      await killAll();
      await database?.drop();
    });

    it('starts the built server with it and links a bank', async () => {
      database = await createPostgresDatabase();
      // Flinks holds a data call open until the data is ready, so the 10 s poll interval costs no wait here.
      const emulator = await startEmulator({ SANDBOX_PROCESSING_MS: '300', SANDBOX_HOLD_MS: '5000' });
      const dataDir = createDataDir();
      const env: Record<string, string> = {
        ...containerEnv('app'),
        DATABASE_URL: database.url,
        ...emulatorEnv(emulator),
        // Paths and addresses of the container, mapped onto this machine.
        HOST: '127.0.0.1',
        PORT: '0',
        DATA_DIR: dataDir.path,
        WEB_DIST_DIR: WEB_DIST,
      };
      expect(env.FLINKS_POLL_INTERVAL_MS).toBe('10000');
      try {
        const server = await startServer(env, 'server with the compose configuration');
        const origin = containerEnv('app').PUBLIC_URL ?? '';
        const user = new HttpUser(() => server.url, origin);
        const token = await user.post('/api/connect/token');
        expect(token.status).toBe(200);
        expect(new URL(token.json().connectUrl).origin).toBe(emulator.url);
        const [cookie] = setCookies(token.headers);
        expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
        expect(cookie).toContain('HttpOnly');
        expect(cookie).toContain('SameSite=Lax');
        // http://localhost:3000 by default: a cookie marked Secure would never come back over http.
        expect(cookie).not.toContain('Secure');

        const { loginId } = await emulator.control.createLogin('greatday_nomfa');
        const { jobId, linkId } = await user.link(loginId);
        expect(await user.waitForJob(jobId)).toMatchObject({ state: 'succeeded', error: null });
        const { links } = (await user.get('/api/links')).json();
        expect(links).toHaveLength(1);
        expect(links[0]).toMatchObject({ id: linkId, status: 'active' });
        expect(links[0].accounts.length).toBeGreaterThan(0);
        expect((await user.get('/')).body).toContain('<div id="root">');
        expect(await emulator.control.calls({ endpoint: 'GetAccountsDetailAsync' })).toEqual([]);
        expect(await server.process.stop('SIGTERM')).toEqual({ code: 0, signal: null });
      } finally {
        dataDir.remove();
      }
    });
  });
});
