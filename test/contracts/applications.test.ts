// The onboarding and applications contracts: the lifecycle table is exactly the documented
// one, step schemas hold their field rules (shared text rule, bounds, trimming), and drafts
// take half-filled steps while still checking what is there.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  APPLICATION_STATUSES,
  canTransition,
  IDEMPOTENCY_KEY_PATTERN,
  submissionSchema,
  TRANSITIONS,
} from '../../contracts/applications.js';
import { draftStepsSchema } from '../../contracts/onboarding.js';

const steps = {
  company: {
    legalName: '  Acme Exports Pvt Ltd ',
    registrationNumbers: [{ scheme: 'gstin', value: ' 27AAPFU0939F1ZV ' }],
    incorporationDate: '2015-06-30',
    registeredAddress: {
      line1: '7 Dock Road',
      city: 'Mumbai',
      postalCode: '400001',
      country: 'IN',
    },
  },
  entityType: { entityType: 'private-limited' },
  people: {
    signatories: [
      { fullName: 'A Person', role: 'CFO', email: 'a@example.com', phone: '+91 98765 43210' },
    ],
  },
  declarations: {
    politicallyExposed: true,
    sanctioned: false,
    consent: { accepted: true, text: 'Yes.', givenAt: '2026-11-21T10:00:00+05:30' },
  },
};

describe('the lifecycle', () => {
  test('allows exactly the documented transitions', () => {
    const allowed = APPLICATION_STATUSES.flatMap((from) =>
      APPLICATION_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
    );
    assert.deepEqual(allowed.sort(), [
      'in_review→approved',
      'in_review→needs_info',
      'in_review→rejected',
      'needs_info→in_review',
      'needs_review→in_review',
      'submitted→in_review',
      'submitted→needs_review',
    ]);
    assert.deepEqual(TRANSITIONS.approved, []);
    assert.deepEqual(TRANSITIONS.rejected, []);
  });

  test('idempotency keys are 1–255 visible ASCII characters', () => {
    for (const ok of [
      'a',
      '~'.repeat(255),
      'order-42:retry/1',
      '550e8400-e29b-41d4-a716-446655440000',
    ])
      assert.ok(IDEMPOTENCY_KEY_PATTERN.test(ok), ok);
    for (const bad of ['', 'x'.repeat(256), 'with space', 'tab\tkey', 'ключ', 'line\n'])
      assert.ok(!IDEMPOTENCY_KEY_PATTERN.test(bad), JSON.stringify(bad));
  });
});

describe('the step schemas', () => {
  test('a whole submission parses, trimmed, with contacts defaulting to none', () => {
    const parsed = submissionSchema.parse({ product: 'sme-current', steps });
    assert.equal(parsed.steps.company.legalName, 'Acme Exports Pvt Ltd');
    assert.equal(parsed.steps.company.registrationNumbers[0]?.value, '27AAPFU0939F1ZV');
    // Phones come out in E.164.
    assert.equal(parsed.steps.people.signatories[0]?.phone, '+919876543210');
    assert.deepEqual(parsed.steps.people.contacts, []);
    assert.equal(parsed.steps.services, undefined);
  });

  test('field rules hold: display text, bounds, email, dates, the consent itself', () => {
    const broken = (patch: (s: typeof steps) => void) => {
      const copy = structuredClone(steps);
      patch(copy);
      return submissionSchema.safeParse({ product: 'sme-current', steps: copy }).success;
    };
    assert.equal(
      broken((s) => {
        s.company.legalName = 'Acme\u202EdtL';
      }),
      false,
    );
    assert.equal(
      broken((s) => {
        s.company.registrationNumbers = [];
      }),
      false,
    );
    assert.equal(
      broken((s) => {
        s.company.registrationNumbers[0] = { scheme: 'ssn', value: '1' };
      }),
      false,
    );
    assert.equal(
      broken((s) => {
        s.company.incorporationDate = '30/06/2015';
      }),
      false,
    );
    // Registration numbers by their own rules: a GSTIN's check character, a CIN's state, a
    // PAN inside a GSTIN that is not the PAN given.
    const registration = (numbers: { scheme: string; value: string }[]) =>
      broken((s) => {
        s.company.registrationNumbers = numbers as never;
      });
    assert.equal(registration([{ scheme: 'gstin', value: '27AAPFU0939F1ZW' }]), false);
    assert.equal(registration([{ scheme: 'cin', value: 'U17110XX2019PTC123456' }]), false);
    assert.equal(registration([{ scheme: 'cin', value: 'u17110mh2019ptc123456' }]), true);
    assert.equal(
      registration([
        { scheme: 'gstin', value: '27AAPFU0939F1ZV' },
        { scheme: 'pan', value: 'AAPFU0939G' },
      ]),
      false,
    );
    assert.equal(registration([{ scheme: 'uk-company-number', value: 'SC12345' }]), false);
    assert.equal(registration([{ scheme: 'uk-company-number', value: '1234567' }]), true);
    assert.equal(
      broken((s) => {
        s.people.signatories[0] = { ...s.people.signatories[0], phone: '+91 98' } as never;
      }),
      false,
    );
    assert.equal(
      broken((s) => {
        s.company.registeredAddress.country = 'XX';
      }),
      false,
    );
    assert.equal(
      broken((s) => {
        s.people.signatories[0] = { ...s.people.signatories[0], email: 'a@' } as never;
      }),
      false,
    );
    assert.equal(
      broken((s) => {
        s.people.signatories[0] = { ...s.people.signatories[0], phone: ' ' } as never;
      }),
      false,
    );
    assert.equal(
      broken((s) => {
        s.declarations.consent.givenAt = 'yesterday';
      }),
      false,
    );
    assert.equal(
      broken((s) => {
        (s.declarations.consent as { accepted: boolean }).accepted = false;
      }),
      false,
    );
    assert.equal(
      broken(() => {}),
      true,
    );
  });

  test('a draft takes half-filled steps but still checks each field given', () => {
    assert.ok(
      draftStepsSchema.safeParse({
        company: { legalName: 'Acme', registeredAddress: { city: 'Mumbai' } },
        people: { signatories: [{ fullName: 'A Person' }] },
        declarations: { consent: { text: 'Yes.' } },
      }).success,
    );
    assert.equal(
      draftStepsSchema.safeParse({ people: { signatories: [{ email: 'nope' }] } }).success,
      false,
    );
    assert.equal(draftStepsSchema.safeParse({ company: { unknown: 1 } }).success, false);
  });
});
