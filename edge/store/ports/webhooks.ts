/**
 * Webhook endpoints and deliveries. Events come from the outbox (written in the same batch as
 * the change they report); dispatching copies each new event to a delivery per active endpoint
 * of its tenant; a delivery is claimed by one instance at a time (a lease), attempted, and its
 * attempt logged.
 */
import type { AuditEntry } from '../types.js';

export interface WebhookEndpoint {
  id: string;
  tenantId: string;
  url: string;
  description: string | null;
  status: 'active' | 'disabled';
  createdAt: number;
}

/** The signing secret as stored: sealed by the master key, bound to the endpoint id. */
export interface SealedSecret {
  ciphertext: string;
  kekId: string;
  alg: string;
}

export interface WebhookDelivery {
  id: string;
  tenantId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: number | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
}

/** A claimed delivery with what sending it needs. */
export interface DueDelivery {
  id: string;
  tenantId: string;
  endpointId: string;
  attempts: number;
  /** Retries go on for 24 h from here (the event, or the last manual redelivery). */
  windowStart: number;
  eventId: string;
  eventType: string;
  eventPayload: string;
  eventCreatedAt: number;
  url: string;
  secret: SealedSecret;
}

export interface DeliveryAttemptRecord {
  deliveryId: string;
  claim: string;
  attempt: number;
  at: number;
  ok: boolean;
  status: number | null;
  error: string | null;
  durationMs: number;
  /** When to try again; undefined when delivered or given up. */
  nextAttemptAt: number | undefined;
}

export interface WebhookAttempt {
  attempt: number;
  at: number;
  status: number | null;
  error: string | null;
  durationMs: number;
}

export interface WebhookStore {
  /** Registers an endpoint unless the tenant has `max` active ones (then false). */
  createWebhookEndpoint(
    endpoint: WebhookEndpoint,
    secret: SealedSecret,
    max: number,
    audit: AuditEntry,
  ): Promise<boolean>;
  listWebhookEndpoints(tenantId: string): Promise<WebhookEndpoint[]>;
  /** Disables an active endpoint and fails its pending deliveries; false if none. */
  disableWebhookEndpoint(
    tenantId: string,
    id: string,
    at: number,
    audit: AuditEntry,
  ): Promise<boolean>;
  /** Copies undispatched outbox events to deliveries for their tenants' endpoints. */
  dispatchOutbox(now: number): Promise<void>;
  /** Claims up to `limit` due deliveries for `leaseMs` under `claim`, and returns them. */
  claimDueDeliveries(
    now: number,
    leaseMs: number,
    limit: number,
    claim: string,
  ): Promise<DueDelivery[]>;
  /** Records one attempt of a claimed delivery (ignored if the claim was lost). */
  recordDeliveryAttempt(attempt: DeliveryAttemptRecord): Promise<void>;
  listWebhookDeliveries(
    tenantId: string,
    options: {
      status?: WebhookDelivery['status'];
      before?: { createdAt: number; id: string };
      limit: number;
    },
  ): Promise<WebhookDelivery[]>;
  /** The attempts of one delivery, oldest first; undefined if it is not the tenant's. */
  listWebhookAttempts(tenantId: string, deliveryId: string): Promise<WebhookAttempt[] | undefined>;
  /** Queues a delivery again now, with a fresh 24 h window; false if it is not the tenant's. */
  redeliverWebhook(
    tenantId: string,
    deliveryId: string,
    at: number,
    audit: AuditEntry,
  ): Promise<boolean>;
}
