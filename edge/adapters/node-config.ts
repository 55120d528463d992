/**
 * Configuration of the Node edge from the environment, checked at boot: a misconfiguration
 * stops the process with one clear line. In development the operator key and preview secret
 * are generated once and kept in the data folder; in production they must be given.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

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
  production: boolean;
  /** How often due custom domains are re-checked (default one minute). */
  recheckIntervalMs?: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function persistentSecret(dataDir: string, name: string): { value: string; generated: boolean } {
  const file = join(dataDir, name);
  if (existsSync(file)) return { value: readFileSync(file, 'utf8').trim(), generated: false };
  const value = `${name === '.operator-key' ? 'op_dev_' : ''}${randomBytes(32).toString('base64url')}`;
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return { value, generated: true };
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
    production,
  };
}
