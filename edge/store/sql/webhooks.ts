/**
 * WebhookStore on SQL. Every write is one batch: a registration with its cap check and audit
 * row; a dispatch that copies new outbox events to deliveries and marks them dispatched; a
 * claim (lease) and the read of what it claimed; an attempt with its log row, applied only
 * while the claim is still held.
 */
import { sql } from 'kysely';
import type {
  DeliveryAttemptRecord,
  DueDelivery,
  SealedSecret,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookStore,
} from '../ports/webhooks.js';
import { q } from '../query.js';
import type { AuditEntry } from '../types.js';
import { all, auditRow, type SqlContext } from './shared.js';

interface DeliveryRow {
  id: string;
  tenant_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  status: string;
  attempts: number;
  next_attempt_at: number | null;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}

const deliveryFrom = (r: DeliveryRow): WebhookDelivery => ({
  id: r.id,
  tenantId: r.tenant_id,
  endpointId: r.endpoint_id,
  eventId: r.event_id,
  eventType: r.event_type,
  status: r.status as WebhookDelivery['status'],
  attempts: r.attempts,
  nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
  lastStatus: r.last_status,
  lastError: r.last_error,
  createdAt: r.created_at,
  deliveredAt: r.delivered_at,
});

const endpointFrom = (r: {
  id: string;
  tenant_id: string;
  url: string;
  description: string | null;
  status: string;
  created_at: number;
}): WebhookEndpoint => ({
  id: r.id,
  tenantId: r.tenant_id,
  url: r.url,
  description: r.description,
  status: r.status as WebhookEndpoint['status'],
  createdAt: r.created_at,
});

export function sqlWebhooks({ x, now }: SqlContext): WebhookStore {
  return {
    async createWebhookEndpoint(
      endpoint: WebhookEndpoint,
      secret: SealedSecret,
      max: number,
      audit: AuditEntry,
    ) {
      const results = await x.batch([
        sql`INSERT INTO webhook_endpoints (id, tenant_id, url, description, secret, kek_id, kek_alg, status, created_at, disabled_at)
            SELECT ${endpoint.id}, ${endpoint.tenantId}, ${endpoint.url}, ${endpoint.description}, ${secret.ciphertext}, ${secret.kekId}, ${secret.alg}, 'active', ${endpoint.createdAt}, NULL
            WHERE (SELECT count(*) FROM webhook_endpoints WHERE tenant_id = ${endpoint.tenantId} AND status = 'active') < ${max}`.compile(
          q,
        ),
        auditRow(
          audit,
          now(),
          sql<boolean>`EXISTS (SELECT 1 FROM webhook_endpoints WHERE id = ${endpoint.id})`,
        ).compile(),
      ]);
      return (results[0]?.changes ?? 0) === 1;
    },

    async listWebhookEndpoints(tenantId) {
      const rows = await all(
        x,
        q
          .selectFrom('webhook_endpoints')
          .select(['id', 'tenant_id', 'url', 'description', 'status', 'created_at'])
          .where('tenant_id', '=', tenantId)
          .orderBy('created_at', 'asc'),
      );
      return rows.map(endpointFrom);
    },

    async disableWebhookEndpoint(tenantId, id, at, audit) {
      const results = await x.batch([
        sql`UPDATE webhook_endpoints SET status = 'disabled', disabled_at = ${at}
            WHERE id = ${id} AND tenant_id = ${tenantId} AND status = 'active'`.compile(q),
        sql`UPDATE webhook_deliveries SET status = 'failed', last_error = 'endpoint disabled', claim = NULL
            WHERE endpoint_id = ${id} AND tenant_id = ${tenantId} AND status = 'pending'`.compile(
          q,
        ),
        auditRow(
          audit,
          now(),
          sql<boolean>`EXISTS (SELECT 1 FROM webhook_endpoints WHERE id = ${id} AND tenant_id = ${tenantId} AND disabled_at = ${at})`,
        ).compile(),
      ]);
      return (results[0]?.changes ?? 0) === 1;
    },

    async dispatchOutbox(at) {
      // The two statements see the same undispatched events: a batch is one transaction.
      await x.batch([
        sql`INSERT INTO webhook_deliveries (id, tenant_id, endpoint_id, event_id, event_type, status, attempts, next_attempt_at, window_start, claim, last_status, last_error, created_at, delivered_at)
            SELECT 'whd_' || lower(hex(randomblob(10))), o.tenant_id, e.id, o.id, o.type, 'pending', 0, ${at}, o.created_at, NULL, NULL, NULL, o.created_at, NULL
            FROM outbox o
            JOIN webhook_endpoints e ON e.tenant_id = o.tenant_id AND e.status = 'active' AND e.created_at <= o.created_at
            WHERE o.dispatched_at IS NULL
            ON CONFLICT (endpoint_id, event_id) DO NOTHING`.compile(q),
        sql`UPDATE outbox SET dispatched_at = ${at} WHERE dispatched_at IS NULL`.compile(q),
      ]);
    },

    async claimDueDeliveries(at, leaseMs, limit, claim) {
      const results = await x.batch([
        sql`UPDATE webhook_deliveries SET claim = ${claim}, next_attempt_at = ${at + leaseMs}
            WHERE id IN (
              SELECT d.id FROM webhook_deliveries d
              JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.status = 'active'
              WHERE d.status = 'pending' AND d.next_attempt_at <= ${at}
              ORDER BY d.next_attempt_at LIMIT ${limit})`.compile(q),
        sql`SELECT d.id, d.tenant_id, d.endpoint_id, d.attempts, d.window_start, d.event_id, d.event_type,
                   o.payload, o.created_at AS event_created_at, e.url, e.secret, e.kek_id, e.kek_alg
            FROM webhook_deliveries d
            JOIN outbox o ON o.id = d.event_id
            JOIN webhook_endpoints e ON e.id = d.endpoint_id
            WHERE d.claim = ${claim} AND d.status = 'pending'`.compile(q),
      ]);
      const rows = (results[1]?.rows ?? []) as {
        id: string;
        tenant_id: string;
        endpoint_id: string;
        attempts: number;
        window_start: number;
        event_id: string;
        event_type: string;
        payload: string;
        event_created_at: number;
        url: string;
        secret: string;
        kek_id: string;
        kek_alg: string;
      }[];
      return rows.map(
        (r): DueDelivery => ({
          id: r.id,
          tenantId: r.tenant_id,
          endpointId: r.endpoint_id,
          attempts: r.attempts,
          windowStart: r.window_start,
          eventId: r.event_id,
          eventType: r.event_type,
          eventPayload: r.payload,
          eventCreatedAt: r.event_created_at,
          url: r.url,
          secret: { ciphertext: r.secret, kekId: r.kek_id, alg: r.kek_alg },
        }),
      );
    },

    async recordDeliveryAttempt(a: DeliveryAttemptRecord) {
      const status = a.ok ? 'delivered' : a.nextAttemptAt === undefined ? 'failed' : 'pending';
      await x.batch([
        sql`UPDATE webhook_deliveries
            SET attempts = ${a.attempt}, status = ${status}, next_attempt_at = ${a.nextAttemptAt ?? null},
                last_status = ${a.status}, last_error = ${a.error},
                delivered_at = ${a.ok ? a.at : null}, claim = NULL
            WHERE id = ${a.deliveryId} AND claim = ${a.claim}`.compile(q),
        sql`INSERT INTO webhook_attempts (delivery_id, attempt, at, status, error, duration_ms)
            SELECT ${a.deliveryId}, ${a.attempt}, ${a.at}, ${a.status}, ${a.error}, ${a.durationMs}
            WHERE EXISTS (SELECT 1 FROM webhook_deliveries WHERE id = ${a.deliveryId} AND attempts = ${a.attempt} AND claim IS NULL)
            ON CONFLICT (delivery_id, attempt) DO NOTHING`.compile(q),
      ]);
    },

    async listWebhookDeliveries(tenantId, options) {
      const before = options.before;
      const rows = (
        await x.run<DeliveryRow>(
          sql`SELECT id, tenant_id, endpoint_id, event_id, event_type, status, attempts, next_attempt_at, last_status, last_error, created_at, delivered_at
              FROM webhook_deliveries
              WHERE tenant_id = ${tenantId}
                ${options.status ? sql`AND status = ${options.status}` : sql``}
                ${before ? sql`AND (created_at < ${before.createdAt} OR (created_at = ${before.createdAt} AND id < ${before.id}))` : sql``}
              ORDER BY created_at DESC, id DESC
              LIMIT ${options.limit}`.compile(q),
        )
      ).rows;
      return rows.map(deliveryFrom);
    },

    async listWebhookAttempts(tenantId, deliveryId) {
      const results = await x.batch([
        sql`SELECT 1 AS found FROM webhook_deliveries WHERE id = ${deliveryId} AND tenant_id = ${tenantId}`.compile(
          q,
        ),
        sql`SELECT a.attempt, a.at, a.status, a.error, a.duration_ms
            FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
            WHERE a.delivery_id = ${deliveryId} AND d.tenant_id = ${tenantId}
            ORDER BY a.attempt`.compile(q),
      ]);
      if ((results[0]?.rows.length ?? 0) === 0) return undefined;
      return (
        (results[1]?.rows ?? []) as {
          attempt: number;
          at: number;
          status: number | null;
          error: string | null;
          duration_ms: number;
        }[]
      ).map((r) => ({
        attempt: r.attempt,
        at: r.at,
        status: r.status,
        error: r.error,
        durationMs: r.duration_ms,
      }));
    },

    async redeliverWebhook(tenantId, deliveryId, at, audit) {
      const results = await x.batch([
        sql`UPDATE webhook_deliveries
            SET status = 'pending', next_attempt_at = ${at}, window_start = ${at}, claim = NULL
            WHERE id = ${deliveryId} AND tenant_id = ${tenantId}
              AND endpoint_id IN (SELECT id FROM webhook_endpoints WHERE status = 'active')`.compile(
          q,
        ),
        auditRow(
          audit,
          now(),
          sql<boolean>`EXISTS (SELECT 1 FROM webhook_deliveries WHERE id = ${deliveryId} AND tenant_id = ${tenantId} AND window_start = ${at})`,
        ).compile(),
      ]);
      return (results[0]?.changes ?? 0) === 1;
    },
  };
}
