/** Custom-domain request and response schemas. Imports only zod. */
import { z } from 'zod';

export const domainSchema = z
  .object({
    hostname: z.string().meta({ description: 'Lowercase, punycode (IDN), no trailing dot.' }),
    status: z.enum(['pending', 'active', 'failed']),
    record: z
      .object({ type: z.literal('TXT'), name: z.string(), value: z.string() })
      .meta({ description: 'The DNS record to publish before verifying.' }),
    attempts: z.number().int().meta({ description: `Misses so far; failed at 10.` }),
    lastError: z.string().nullable(),
    nextCheckAt: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'When a pending domain is due for its next check (ms since epoch).' }),
    createdAt: z.number().int(),
    verifiedAt: z.number().int().nullable(),
  })
  .meta({ id: 'Domain' });

export const createDomainSchema = z
  .strictObject({ hostname: z.string().min(1).max(300) })
  .meta({ id: 'CreateDomain' });
