/**
 * Configuration of the Node edge from the environment, checked at boot: a misconfiguration
 * stops the process with one clear line. In development the operator key, preview secret and
 * master key are generated once and kept in the data folder (0700, files 0600); in production
 * they must be given.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseMasterKey, SecretBoxError } from '../auth/secret-box.js';
import type { RateLimits } from '../deps.js';
import { parseRateLimits } from '../middleware/rate-limit/index.js';

export interface NodeEdgeSettings {
  port: number;
  host: string;
  dbPath: string;
  dataDir: string;
  publicUrl: string;
  dohUrl: string;
  operatorKey: string;
  /** True when the operator key was generated here (development), so it is worth printing. */
  operatorKeyGenerated: boolean;
  previewSecret: string;
  /** Seals private signing keys at rest (32 bytes, hex or base64url). */
  masterKey: string;
  /** Earlier master keys, to open what they sealed (rotation). */
  previousMasterKeys: string[];
  /** Overrides of the default rate limits (`GW_RATE_LIMITS`, JSON). */
  rateLimits: Partial<RateLimits>;
  production: boolean;
  /** How often due custom domains are re-checked (default one minute). */
  recheckIntervalMs?: number;
  /** How often due webhook deliveries are sent (tests; default 2 s). */
  webhookIntervalMs?: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * The data folder, created readable by its owner only: it holds the database and, in
 * development, the generated secrets.
 */
export function ensureDataDir(dataDir: string): void {
  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
}

function persistentSecret(dataDir: string, name: string): { value: string; generated: boolean } {
  const file = join(dataDir, name);
  if (existsSync(file)) {
    chmodSync(file, 0o600); // Tighten a file left readable by an older version.
    return { value: readFileSync(file, 'utf8').trim(), generated: false };
  }
  const value = `${name === '.operator-key' ? 'op_dev_' : ''}${randomBytes(32).toString('base64url')}`;
  ensureDataDir(dataDir);
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return { value, generated: true };
}

function rateLimitsFrom(text: string | undefined): Partial<RateLimits> {
  try {
    return parseRateLimits(text);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

function masterKeys(env: NodeJS.ProcessEnv, dataDir: string, production: boolean) {
  let masterKey = env.GW_MASTER_KEY;
  if (!masterKey) {
    if (production)
      throw new ConfigError(
        'GW_MASTER_KEY is required in production (32 random bytes: openssl rand -hex 32)',
      );
    masterKey = persistentSecret(dataDir, '.master-key').value;
  }
  const previousMasterKeys = (env.GW_MASTER_KEY_PREVIOUS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  try {
    parseMasterKey(masterKey, 'GW_MASTER_KEY');
    for (const key of previousMasterKeys) parseMasterKey(key, 'GW_MASTER_KEY_PREVIOUS');
  } catch (error) {
    if (error instanceof SecretBoxError) throw new ConfigError(error.message);
    throw error;
  }
  return { masterKey, previousMasterKeys };
}

export function loadSettings(env: NodeJS.ProcessEnv): NodeEdgeSettings {
  const production = env.NODE_ENV === 'production';
  const portText = env.PORT ?? '8787';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 0 || port > 65535) {
    throw new ConfigError(
      `PORT must be a whole number from 0 to 65535, got ${JSON.stringify(portText)}`,
    );
  }
  const host = env.HOST ?? '127.0.0.1';
  const dbPath = resolve(env.GW_DB ?? './data/gridworks.db');
  const dataDir = dirname(dbPath);
  const publicUrl = (
    env.GW_PUBLIC_URL ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`
  ).replace(/\/$/, '');
  try {
    const url = new URL(publicUrl);
    if (!/^https?:$/.test(url.protocol) || url.pathname !== '/') throw new Error();
  } catch {
    throw new ConfigError(
      `GW_PUBLIC_URL must be an http(s) origin such as https://widgets.example.com, got ${JSON.stringify(env.GW_PUBLIC_URL)}`,
    );
  }
  const dohUrl = env.GW_DOH_URL ?? 'https://cloudflare-dns.com/dns-query';
  if (!/^https:\/\//.test(dohUrl) && !/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(dohUrl)) {
    throw new ConfigError(
      `GW_DOH_URL must be an https URL of a DNS-over-HTTPS JSON endpoint, got ${JSON.stringify(dohUrl)}`,
    );
  }
  let operatorKey = env.GW_OPERATOR_KEY;
  let operatorKeyGenerated = false;
  if (production) {
    if (!operatorKey || operatorKey.length < 32) {
      throw new ConfigError('GW_OPERATOR_KEY is required in production (at least 32 characters)');
    }
  } else if (!operatorKey) {
    const secret = persistentSecret(dataDir, '.operator-key');
    operatorKey = secret.value;
    operatorKeyGenerated = true;
  } else if (operatorKey.length < 32) {
    throw new ConfigError('GW_OPERATOR_KEY must be at least 32 characters');
  }
  let previewSecret = env.GW_PREVIEW_SECRET;
  if (!previewSecret) {
    if (production)
      throw new ConfigError('GW_PREVIEW_SECRET is required in production (at least 32 characters)');
    previewSecret = persistentSecret(dataDir, '.preview-secret').value;
  } else if (previewSecret.length < 32) {
    throw new ConfigError('GW_PREVIEW_SECRET must be at least 32 characters');
  }
  return {
    port,
    host,
    dbPath,
    dataDir,
    publicUrl,
    dohUrl,
    operatorKey,
    operatorKeyGenerated,
    previewSecret,
    ...masterKeys(env, dataDir, production),
    rateLimits: rateLimitsFrom(env.GW_RATE_LIMITS),
    production,
  };
}
