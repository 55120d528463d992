/**
 * Webhooks as the tenant API speaks them: endpoints a bank registers (an https URL on a
 * public host name) and the delivery log. The signing secret is shown once, at registration.
 */
import { z } from 'zod';
import { PUBLIC_HTTPS_URL } from './primitives.js';

/** Events the edge sends. */
export const WEBHOOK_EVENTS = [
  'application.submitted',
  'application.screened',
  'application.status_changed',
  'conversation.created',
  'message.created',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Endpoints per tenant that may be active at once. */
export const MAX_WEBHOOK_ENDPOINTS = 5;

export const webhookUrlSchema = z.string().max(2048).regex(PUBLIC_HTTPS_URL, {
  message: 'an https URL on a public host name (no credentials, IP addresses, spaces or fragments)',
});

export const createWebhookEndpointSchema = z
  .strictObject({
    url: z.string().max(2048),
    description: z.string().trim().max(200).optional(),
  })
  .meta({ id: 'CreateWebhookEndpoint' });

export const webhookEndpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    status: z.enum(['active', 'disabled']),
    createdAt: z.number().int(),
  })
  .meta({ id: 'WebhookEndpoint' });

export const createdWebhookEndpointSchema = z
  .object({
    endpoint: webhookEndpointSchema,
    secret: z.string().meta({ description: 'The signing secret, shown this once' }),
  })
  .meta({ id: 'CreatedWebhookEndpoint' });

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

export const webhookDeliverySchema = z
  .object({
    id: z.string(),
    endpointId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    nextAttemptAt: z.number().int().nullable(),
    lastStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.number().int(),
    deliveredAt: z.number().int().nullable(),
  })
  .meta({ id: 'WebhookDelivery' });

export const webhookAttemptSchema = z
  .object({
    attempt: z.number().int(),
    at: z.number().int(),
    status: z.number().int().nullable(),
    error: z.string().nullable(),
    durationMs: z.number().int(),
  })
  .meta({ id: 'WebhookAttempt' });
