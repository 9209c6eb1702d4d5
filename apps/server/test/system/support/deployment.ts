/**
 * Reading the deployment files as Docker would, without Docker: Compose's variable interpolation, and the parts
 * of a Dockerfile that name stages, environment, ports, health checks, copies and commands.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPOSITORY } from './processes.ts';

/** The parts of a Compose service these checks read. */
export interface ComposeService {
  image?: string;
  build?: { context?: string; target?: string };
  profiles?: string[];
  ports?: string[];
  environment?: Record<string, string | number | boolean | null>;
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: string[] | string };
  /** Short syntax: `source:target[:mode]`. */
  volumes?: string[];
}

export interface ComposeFile {
  text: string;
  services: Record<string, ComposeService>;
  /** Named volumes declared at the top level. */
  volumes?: Record<string, unknown>;
}

export function readCompose(): ComposeFile {
  const text = readFileSync(join(REPOSITORY, 'docker-compose.yml'), 'utf8');
  return { text, ...(parse(text) as Omit<ComposeFile, 'text'>) };
}

/** A service's named-volume mounts: volume name → the path it is mounted at in the container. */
export function namedMounts(service: ComposeService): Map<string, string> {
  const mounts = new Map<string, string>();
  for (const entry of service.volumes ?? []) {
    const [source = '', target = ''] = entry.split(':');
    if (!source.startsWith('.') && !source.startsWith('/')) mounts.set(source, target);
  }
  return mounts;
}

export class MissingVariableError extends Error {}

/**
 * Compose's interpolation: `$NAME`, `${NAME}`, `${NAME:-default}` (unset or empty), `${NAME-default}` (unset),
 * `${NAME:?message}` / `${NAME?message}` (required), and `$$` for a literal dollar.
 */
export function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, braced: string | undefined, colon: string, operator: string, argument: string, bare: string) => {
      if (match === '$$') return '$';
      const name = braced ?? bare;
      const given = env[name];
      const missing = given === undefined || (colon === ':' && given === '');
      if (operator === '-') return missing ? interpolate(argument, env) : (given ?? '');
      if (operator === '?' && missing) throw new MissingVariableError(`${name}: ${argument}`);
      return given ?? '';
    },
  );
}

/** A service's environment as the container receives it, given the variables of the shell running Compose. */
export function serviceEnvironment(
  service: ComposeService,
  shell: Record<string, string | undefined>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([name, value]) => [
      name,
      interpolate(value === null ? '' : String(value), shell),
    ]),
  );
}

/** `"${PORT:-3000}:3000"` → {host: '3000', container: 3000}. */
export function portMapping(mapping: string, shell: Record<string, string | undefined>) {
  const parts = interpolate(mapping, shell).split(':');
  return { host: parts.at(-2) ?? '', container: Number(parts.at(-1)) };
}

export interface Stage {
  name: string;
  env: Record<string, string>;
  workdir: string;
  expose: number[];
  /** URLs the HEALTHCHECK command fetches. */
  healthUrls: string[];
  /** [source, destination] of each COPY, destinations resolved against WORKDIR. */
  copies: Array<{ from: string | null; sources: string[]; destination: string }>;
  cmd: string[];
}

/** Joins continued lines and drops comments. */
function instructions(text: string): string[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

function resolveIn(workdir: string, path: string): string {
  const joined = path.startsWith('/') ? path : `${workdir.replace(/\/$/, '')}/${path.replace(/^\.\//, '')}`;
  return joined.replace(/\/\.$/, '').replace(/\/$/, '') || '/';
}

export function readDockerfile(): { text: string; stages: Map<string, Stage> } {
  const text = readFileSync(join(REPOSITORY, 'Dockerfile'), 'utf8');
  const stages = new Map<string, Stage>();
  let stage: Stage | null = null;
  for (const line of instructions(text)) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const argument = line.slice(keyword.length).trim();
    switch (keyword.toUpperCase()) {
      case 'FROM': {
        const name = /\bAS\s+(\S+)/i.exec(argument)?.[1] ?? `stage-${stages.size}`;
        stage = { name, env: {}, workdir: '/', expose: [], healthUrls: [], copies: [], cmd: [] };
        stages.set(name, stage);
        break;
      }
      case 'ENV':
        for (const [, name, value] of argument.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S+)/g)) {
          if (stage && name && value) stage.env[name] = value.replace(/^"|"$/g, '');
        }
        break;
      case 'WORKDIR':
        if (stage) stage.workdir = resolveIn(stage.workdir, argument);
        break;
      case 'EXPOSE':
        stage?.expose.push(...rest.map((port) => Number.parseInt(port, 10)));
        break;
      case 'HEALTHCHECK':
        for (const [, url] of argument.matchAll(/fetch\('([^']+)'\)/g)) if (url) stage?.healthUrls.push(url);
        break;
      case 'COPY': {
        const from = /--from=(\S+)/.exec(argument)?.[1] ?? null;
        const paths = rest.filter((part) => !part.startsWith('--'));
        const destination = paths.pop() ?? '';
        stage?.copies.push({ from, sources: paths, destination: resolveIn(stage.workdir, destination) });
        break;
      }
      case 'CMD':
        if (stage) stage.cmd = JSON.parse(argument) as string[];
        break;
    }
  }
  return { text, stages };
}
