/**
 * Background re-checks: pending domains whose `nextCheckAt` has come are checked again, each
 * miss pushing the next check further out (1 minute doubling to a day) until the claim
 * activates or fails. The Node adapter runs this on a timer; Workers would run it from a Cron
 * Trigger. Every outcome is audited with the actor "system".
 */
import type { EdgeDeps } from '../deps.js';
import { afterCheck, challengeName, checkTxtRecord } from './checker.js';

/** Checks up to `limit` due domains; returns how many it checked. Never throws per domain. */
export async function recheckDueDomains(deps: EdgeDeps, limit = 20): Promise<number> {
  const now = deps.clock.now();
  const due = await deps.store.listDueDomains(now, limit);
  for (const domain of due) {
    const check = await checkTxtRecord(
      deps.dohFetch,
      deps.config.dohUrl,
      challengeName(domain.hostname),
      domain.challenge,
      deps.config.dohTimeoutMs ? { timeoutMs: deps.config.dohTimeoutMs } : {},
    );
    const patch = afterCheck(domain, check, deps.clock.now());
    await deps.store.updateDomain(
      domain.hostname,
      { tenantId: domain.tenantId, challenge: domain.challenge },
      patch,
      {
        tenantId: domain.tenantId,
        actor: 'system',
        action: `domain.verify.${patch.status}`,
        target: domain.hostname,
        beforeHash: null,
        afterHash: null,
      },
    );
    deps.logger.info('domain-rechecked', {
      tenantId: domain.tenantId,
      status: patch.status,
      attempts: patch.attempts,
    });
  }
  return due.length;
}
