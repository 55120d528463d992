/**
 * One delivery attempt of one event to one endpoint: a signed POST that counts as delivered
 * only on a 2xx answer within the timeout. Redirects are not followed (an endpoint must not
 * be able to point the edge somewhere else); the answer's body is not read.
 */
import { SIGNATURE_HEADER, signWebhook } from './signature.js';

export const DELIVERY_TIMEOUT_MS = 10_000;

/** An event as it goes out: the envelope receivers parse. */
export interface WebhookEnvelope {
  id: string;
  type: string;
  /** Unix seconds when the event happened. */
  created: number;
  data: unknown;
}

export interface DeliveryAttempt {
  ok: boolean;
  /** The HTTP status answered, or null when none came (timeout, refused connection). */
  status: number | null;
  /** Why it failed, short and free of the endpoint's answer; null when delivered. */
  error: string | null;
  durationMs: number;
}

export interface DeliveryDeps {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  now: () => number;
  timeoutMs?: number;
}

/** The exact bytes sent for an event (the signature covers these). */
export const envelopeBody = (envelope: WebhookEnvelope) => JSON.stringify(envelope);

export async function deliverWebhook(
  url: string,
  envelope: WebhookEnvelope,
  secrets: readonly string[],
  deps: DeliveryDeps,
): Promise<DeliveryAttempt> {
  const started = deps.now();
  const body = envelopeBody(envelope);
  const signature = await signWebhook(body, secrets, Math.floor(started / 1000));
  const done = (ok: boolean, status: number | null, error: string | null): DeliveryAttempt => ({
    ok,
    status,
    error,
    durationMs: deps.now() - started,
  });
  let response: Response;
  try {
    response = await deps.fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'GridWorks-Webhooks/1',
        [SIGNATURE_HEADER]: signature,
        'GridWorks-Event-Id': envelope.id,
        'GridWorks-Event-Type': envelope.type,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(deps.timeoutMs ?? DELIVERY_TIMEOUT_MS),
    });
  } catch (error) {
    const name = (error as Error)?.name;
    return done(
      false,
      null,
      name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network error',
    );
  }
  // Nothing of the answer is needed; release the connection.
  await response.body?.cancel().catch(() => {});
  if (response.status >= 200 && response.status < 300) return done(true, response.status, null);
  if (response.status >= 300 && response.status < 400)
    return done(false, response.status, 'redirect not followed');
  return done(false, response.status, `answered ${response.status}`);
}
