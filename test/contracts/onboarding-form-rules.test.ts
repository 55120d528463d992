// The onboarding widget checks fields without zod (widgets/onboarding-form/validate.ts); the
// edge checks them with the step schemas (contracts/onboarding.ts). The two must agree: the
// same inputs, run through both, pass or fail together — else a customer is told "fine" and
// then refused, or refused for nothing. And what the widget submits parses as a submission.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { regexes } from 'zod/v4/core';
import { draftSchema, submissionSchema } from '../../contracts/applications.js';
import {
  companyStepSchema,
  declarationsStepSchema,
  entityTypeStepSchema,
  peopleStepSchema,
} from '../../contracts/onboarding.js';
import { checkPhoneNumber } from '../../contracts/phone-number.js';
import { EMAIL_PATTERN, isIsoDate } from '../../contracts/text-rules.js';
import {
  emptyState,
  FORM_STEPS,
  type FormState,
  toDraft,
  toSubmission,
} from '../../widgets/onboarding-form/model.js';
import { checkStep } from '../../widgets/onboarding-form/validate.js';

function validState(): FormState {
  const s = emptyState('IN');
  Object.assign(s.company, {
    legalName: 'Zephyrine Textiles Private Limited',
    registrationNumbers: [{ scheme: 'cin', value: 'U17110MH2019PTC123456' }],
    incorporationDate: '2019-04-01',
    line1: '42 Marigold Lane',
    city: 'Pune',
    postalCode: '411001',
    country: 'IN',
  });
  s.entityType = 'private-limited';
  s.signatories = [
    {
      fullName: 'Aurelio Quintanilla',
      role: 'Director',
      email: 'aurelio@zephyrine.example',
      phone: '+91 98123 45678',
      dateOfBirth: '',
    },
  ];
  s.services = ['current-account'];
  s.politicallyExposed = false;
  s.sanctioned = false;
  s.consentAccepted = true;
  s.consentText = 'I agree.';
  s.consentGivenAt = '2026-11-30T10:00:00.000Z';
  return s;
}

const widgetPasses = (s: FormState, step: 'company' | 'entityType' | 'people' | 'declarations') =>
  checkStep(s, step, { phone: checkPhoneNumber }).errors.size === 0;

/** The submission's step, as the edge would parse it. */
function edgePasses(s: FormState, step: 'company' | 'entityType' | 'people' | 'declarations') {
  const phones = checkStep(s, 'people', { phone: checkPhoneNumber }).phones;
  const steps = toSubmission(s, 'business-account', FORM_STEPS, phones).steps;
  const raw = {
    company: steps.company,
    entityType: steps.entityType,
    people: {
      // What the widget sends: the phone in E.164 once its check passed (a national number
      // is turned into one with the company's country), else as typed.
      signatories: steps.people.signatories,
      contacts: steps.people.contacts,
    },
    declarations: steps.declarations,
  }[step];
  const schema = {
    company: companyStepSchema,
    entityType: entityTypeStepSchema,
    people: peopleStepSchema,
    declarations: declarationsStepSchema,
  }[step];
  return schema.safeParse(raw).success;
}

type Step = 'company' | 'entityType' | 'people' | 'declarations';
const CASES: [string, Step, (s: FormState) => void][] = [
  ['valid as is', 'company', () => {}],
  ['empty legal name', 'company', (s) => void Object.assign(s.company, { legalName: '  ' })],
  [
    'legal name of 161 characters',
    'company',
    (s) => void Object.assign(s.company, { legalName: 'x'.repeat(161) }),
  ],
  [
    'legal name of 160 characters',
    'company',
    (s) => void Object.assign(s.company, { legalName: 'x'.repeat(160) }),
  ],
  [
    'a bidi override in the name',
    'company',
    (s) => void Object.assign(s.company, { legalName: 'Evil\u202ECorp' }),
  ],
  [
    'a zero-width joiner (Indic scripts need it)',
    'company',
    (s) => void Object.assign(s.company, { legalName: 'क्\u200Dष Textiles' }),
  ],
  [
    'CIN with a wrong state',
    'company',
    (s) => {
      s.company.registrationNumbers = [{ scheme: 'cin', value: 'U17110XX2019PTC123456' }];
    },
  ],
  [
    'CIN with spaces',
    'company',
    (s) => {
      s.company.registrationNumbers = [{ scheme: 'cin', value: 'U17110 MH 2019 PTC123456' }];
    },
  ],
  [
    'GSTIN with a bad check character',
    'company',
    (s) => {
      s.company.registrationNumbers = [{ scheme: 'gstin', value: '27AAPFU0939F1ZW' }];
    },
  ],
  [
    'GSTIN and its PAN',
    'company',
    (s) => {
      s.company.registrationNumbers = [
        { scheme: 'pan', value: 'AAPFU0939F' },
        { scheme: 'gstin', value: '27AAPFU0939F1ZV' },
      ];
    },
  ],
  [
    'GSTIN with another PAN',
    'company',
    (s) => {
      s.company.registrationNumbers = [
        { scheme: 'pan', value: 'AAPFU0938F' },
        { scheme: 'gstin', value: '27AAPFU0939F1ZV' },
      ];
    },
  ],
  [
    'UK company number',
    'company',
    (s) => {
      s.company.registrationNumbers = [{ scheme: 'uk-company-number', value: 'SC123456' }];
    },
  ],
  [
    'UK company number with a bad prefix',
    'company',
    (s) => {
      s.company.registrationNumbers = [{ scheme: 'uk-company-number', value: 'QQ123456' }];
    },
  ],
  [
    'other scheme, free text',
    'company',
    (s) => {
      s.company.registrationNumbers = [{ scheme: 'other', value: 'HRB 12345' }];
    },
  ],
  [
    'no registration number',
    'company',
    (s) => {
      s.company.registrationNumbers = [];
    },
  ],
  [
    '31 February',
    'company',
    (s) => void Object.assign(s.company, { incorporationDate: '2019-02-31' }),
  ],
  ['no postal code', 'company', (s) => void Object.assign(s.company, { postalCode: '' })],
  [
    'postal code of 17',
    'company',
    (s) => void Object.assign(s.company, { postalCode: '1'.repeat(17) }),
  ],
  ['optional line 2 given', 'company', (s) => void Object.assign(s.company, { line2: 'Floor 3' })],
  [
    'no entity type',
    'entityType',
    (s) => {
      s.entityType = '';
    },
  ],
  [
    'unknown entity type',
    'entityType',
    (s) => {
      s.entityType = 'co-op';
    },
  ],
  [
    'llp',
    'entityType',
    (s) => {
      s.entityType = 'llp';
    },
  ],
  ['valid people', 'people', () => {}],
  [
    'email without a domain dot',
    'people',
    (s) => void Object.assign(s.signatories[0] as object, { email: 'a@b' }),
  ],
  [
    'email with a plus',
    'people',
    (s) => void Object.assign(s.signatories[0] as object, { email: 'a+kyc@bank.example' }),
  ],
  [
    'email with a space',
    'people',
    (s) => void Object.assign(s.signatories[0] as object, { email: 'a b@bank.example' }),
  ],
  [
    'phone national without a country code',
    'people',
    (s) => void Object.assign(s.signatories[0] as object, { phone: '98123 45678' }),
  ],
  [
    'UK mobile',
    'people',
    (s) => void Object.assign(s.signatories[0] as object, { phone: '+44 7400 123456' }),
  ],
  [
    'phone too short',
    'people',
    (s) => void Object.assign(s.signatories[0] as object, { phone: '+91 98123' }),
  ],
  [
    'unsupported country',
    'people',
    (s) => void Object.assign(s.signatories[0] as object, { phone: '+49 30 901820' }),
  ],
  [
    'no signatory',
    'people',
    (s) => {
      s.signatories = [];
    },
  ],
  [
    'no phone for a signatory',
    'people',
    (s) => void Object.assign(s.signatories[0] as object, { phone: '' }),
  ],
  [
    'date of birth not a date',
    'people',
    (s) => void Object.assign(s.signatories[0] as object, { dateOfBirth: '1990-13-01' }),
  ],
  [
    'a contact without a phone',
    'people',
    (s) => {
      s.contacts = [{ fullName: 'Otto B', email: 'otto@b.example', phone: '' }];
    },
  ],
  [
    'a contact with a bad email',
    'people',
    (s) => {
      s.contacts = [{ fullName: 'Otto B', email: 'otto', phone: '' }];
    },
  ],
  ['declarations answered', 'declarations', () => {}],
];

describe('the widget’s field rules agree with the step schemas', () => {
  for (const [name, step, mutate] of CASES) {
    test(`${step}: ${name}`, () => {
      const state = validState();
      mutate(state);
      assert.equal(widgetPasses(state, step), edgePasses(state, step));
    });
  }

  test('the email pattern judges as zod’s does', () => {
    const emails = [
      'a@bank.example',
      'a.b+kyc@bank.co.in',
      "o'brien@bank.example",
      'a@b',
      'a..b@bank.example',
      '.a@bank.example',
      'a.@bank.example',
      'a@-bank.example',
      'a@bank.e',
      'a b@bank.example',
      'ü@bank.example',
      'a@bank.example.',
      'A_B-C@Sub-Domain.Bank.IN',
    ];
    for (const email of emails)
      assert.equal(EMAIL_PATTERN.test(email), regexes.email.test(email), email);
  });

  test('dates: real calendar days only, as z.iso.date()', () => {
    for (const value of ['2024-02-29', '2023-02-29', '2019-00-10', '2019-12-31', '19-1-1'])
      assert.equal(isIsoDate(value), regexes.date.test(value), value);
  });

  test('a valid state submits as a valid submission, and its draft is a valid draft', () => {
    const state = validState();
    const phones = checkStep(state, 'review', {
      phone: checkPhoneNumber,
      steps: FORM_STEPS,
    }).phones;
    const parsed = submissionSchema.safeParse(
      toSubmission(state, 'business-account', FORM_STEPS, phones),
    );
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    assert.equal(parsed.data.steps.people.signatories[0]?.phone, '+919812345678');
  });

  test('a draft keeps only fields that pass, so a half-typed email never blocks the save', () => {
    const state = validState();
    Object.assign(state.signatories[0] as object, { email: 'aurelio@', phone: '+91 981' });
    state.company.registrationNumbers = [{ scheme: 'gstin', value: '27AAPFU0939F1Z' }];
    const all = checkStep(state, 'review', { phone: checkPhoneNumber, steps: FORM_STEPS });
    const draft = toDraft(
      state,
      'business-account',
      'people',
      (p) => !all.errors.has(p),
      all.phones,
    );
    const parsed = draftSchema.safeParse(draft);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    assert.equal(parsed.data.steps.people?.signatories?.[0]?.email, undefined);
    assert.equal(parsed.data.steps.people?.signatories?.[0]?.fullName, 'Aurelio Quintanilla');
    assert.equal(parsed.data.steps.company?.registrationNumbers, undefined);
    assert.equal(parsed.data.steps.people?.signatories?.[0]?.phone, undefined);
    // A national number that passed goes to the edge as E.164, which the draft schema takes.
    Object.assign(state.signatories[0] as object, { phone: '98123 45678' });
    const checked = checkStep(state, 'review', { phone: checkPhoneNumber, steps: FORM_STEPS });
    const national = draftSchema.parse(
      toDraft(state, 'business-account', 'people', (p) => !checked.errors.has(p), checked.phones),
    );
    assert.equal(national.steps.people?.signatories?.[0]?.phone, '+919812345678');
  });
});
