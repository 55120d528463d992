/**
 * Every visible string of `<gw-onboarding-form>`. Each table is typed against
 * `OnboardingStrings`, so a missing key fails the type-check. Error messages are chosen by the
 * code the field rules return (validate.ts); a registration or phone problem without its own
 * translation falls back to `invalidRegistration` / `invalidPhone`.
 */
import { LazyStrings } from '../core/lazy-strings.js';
import { STATE_STRINGS, type StateStrings } from '../core/states.js';
import type { FormStep } from './model.js';

export interface OnboardingStrings extends StateStrings {
  heading: string;
  /** "Step 2 of 6: Entity type" — the progress indicator's text for screen readers. */
  stepOf: (current: number, total: number, name: string) => string;
  progressLabel: string;
  steps: Record<FormStep, string>;
  stepDone: string;
  stepCurrent: string;
  back: string;
  next: string;
  submit: string;
  submitting: string;
  optional: string;
  // Company
  legalName: string;
  registrationNumbers: string;
  scheme: string;
  schemes: Record<'cin' | 'gstin' | 'pan' | 'uk-company-number' | 'other', string>;
  registrationNumber: string;
  addRegistration: string;
  remove: string;
  incorporationDate: string;
  registeredAddress: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  // Entity type
  entityTypeLegend: string;
  entityTypes: Record<
    | 'private-limited'
    | 'public-limited'
    | 'llp'
    | 'partnership'
    | 'sole-proprietorship'
    | 'trust'
    | 'other',
    string
  >;
  // People
  signatories: string;
  signatory: (n: number) => string;
  addSignatory: string;
  contacts: string;
  contact: (n: number) => string;
  addContact: string;
  fullName: string;
  role: string;
  email: string;
  phone: string;
  phoneHint: string;
  dateOfBirth: string;
  // Services
  servicesLegend: string;
  fromQuote: (id: string) => string;
  noServices: string;
  // Documents
  documentKinds: Record<
    'certificate-of-incorporation' | 'proof-of-address' | 'identity' | 'board-resolution' | 'other',
    string
  >;
  upload: {
    hint: string;
    uploading: (name: string) => string;
    cancel: string;
    done: (name: string) => string;
    removed: (name: string) => string;
    remove: (name: string) => string;
    tooLarge: string;
    empty: string;
    type: string;
    pdfJavascript: string;
    pdfEncrypted: string;
    failed: string;
    offline: string;
  };
  // Declarations
  pepQuestion: string;
  sanctionsQuestion: string;
  yes: string;
  no: string;
  consentLabel: string;
  /** The consent text the customer agrees to (stored with the application, word for word). */
  consentText: (bank: string) => string;
  // Review
  reviewIntro: string;
  edit: (step: string) => string;
  notGiven: string;
  // Errors
  errorSummary: (count: number) => string;
  errors: {
    required: string;
    too_long: (max: number) => string;
    unsafe: string;
    email: string;
    date: string;
    choose: string;
    choose_service: string;
    document_required: string;
    answer: string;
    consent: string;
    gstin_pan_mismatch: string;
    check_character: string;
    length: string;
    character: string;
    invalidRegistration: string;
    country_code_missing: string;
    unsupported_country: string;
    too_short: string;
    invalidPhone: string;
    phoneUnchecked: string;
    server: string;
  };
  // Saving and submitting
  saved: string;
  savedOffline: string;
  resumed: string;
  submitted: (id: string) => string;
  submittedTitle: string;
  submitFailed: string;
  submitOffline: string;
  submitLimited: string;
  submitRejected: string;
  needsToken: string;
}

const en: OnboardingStrings = {
  ...STATE_STRINGS.en,
  loading: 'Loading the application form…',
  emptyTitle: 'Nothing to apply for yet',
  emptyBody: 'This bank has no services to apply for online.',
  errorTitle: 'The form could not be loaded',
  offlineBody: 'Your answers are kept on this device. Reconnect to continue.',
  heading: 'Open a business account',
  stepOf: (current, total, name) => `Step ${current} of ${total}: ${name}`,
  progressLabel: 'Progress',
  steps: {
    company: 'Company',
    entityType: 'Entity type',
    people: 'People',
    services: 'Services',
    documents: 'Documents',
    declarations: 'Declarations',
    review: 'Review',
  },
  stepDone: 'completed',
  stepCurrent: 'current step',
  back: 'Back',
  next: 'Continue',
  submit: 'Submit application',
  submitting: 'Submitting…',
  optional: '(optional)',
  legalName: 'Legal name of the company',
  registrationNumbers: 'Registration numbers',
  scheme: 'Type of number',
  schemes: {
    cin: 'CIN (India)',
    gstin: 'GSTIN (India)',
    pan: 'PAN (India)',
    'uk-company-number': 'Company number (UK)',
    other: 'Other',
  },
  registrationNumber: 'Number',
  addRegistration: 'Add another number',
  remove: 'Remove',
  incorporationDate: 'Date of incorporation',
  registeredAddress: 'Registered address',
  line1: 'Address line 1',
  line2: 'Address line 2',
  city: 'City',
  region: 'State or county',
  postalCode: 'Postal code',
  country: 'Country',
  entityTypeLegend: 'What kind of entity is the company?',
  entityTypes: {
    'private-limited': 'Private limited company',
    'public-limited': 'Public limited company',
    llp: 'Limited liability partnership',
    partnership: 'Partnership',
    'sole-proprietorship': 'Sole proprietorship',
    trust: 'Trust',
    other: 'Other',
  },
  signatories: 'Authorised signatories',
  signatory: (n) => `Signatory ${n}`,
  addSignatory: 'Add a signatory',
  contacts: 'Other contacts',
  contact: (n) => `Contact ${n}`,
  addContact: 'Add a contact',
  fullName: 'Full name',
  role: 'Role',
  email: 'Email',
  phone: 'Phone',
  phoneHint: 'With the country code, e.g. +91 98123 45678',
  dateOfBirth: 'Date of birth',
  servicesLegend: 'Which services do you want?',
  fromQuote: (id) => `From your quote ${id}`,
  noServices: 'No services are available.',
  documentKinds: {
    'certificate-of-incorporation': 'Certificate of incorporation',
    'proof-of-address': 'Proof of the registered address',
    identity: 'Identity document of a signatory',
    'board-resolution': 'Board resolution',
    other: 'Other document',
  },
  upload: {
    hint: 'PDF, PNG or JPEG, up to 10 MB each.',
    uploading: (name) => `Uploading ${name}`,
    cancel: 'Cancel',
    done: (name) => `${name} uploaded.`,
    removed: (name) => `${name} removed.`,
    remove: (name) => `Remove ${name}`,
    tooLarge: 'This file is larger than 10 MB.',
    empty: 'This file is empty.',
    type: 'This file is not a PDF, PNG or JPEG (whatever its name says).',
    pdfJavascript: 'This PDF contains scripts, which we cannot accept. Save it again without them.',
    pdfEncrypted: 'This PDF is password-protected or encrypted. Upload a copy without a password.',
    failed: 'The upload failed. Please try again.',
    offline: 'You are offline. Upload the file again when you reconnect.',
  },
  pepQuestion:
    'Is any signatory, director or owner a politically exposed person, or related to one?',
  sanctionsQuestion: 'Is the company, or anyone connected with it, on a sanctions list?',
  yes: 'Yes',
  no: 'No',
  consentLabel: 'I agree',
  consentText: (bank) =>
    `I confirm that the information given is true and complete, and I allow ${bank} to verify it and to screen the company and the people named against sanctions and PEP lists.`,
  reviewIntro: 'Check your answers before you submit.',
  edit: (step) => `Change ${step}`,
  notGiven: 'Not given',
  errorSummary: (count) =>
    count === 1 ? 'There is 1 problem to fix' : `There are ${count} problems to fix`,
  errors: {
    required: 'Enter this.',
    too_long: (max) => `Use at most ${max} characters.`,
    unsafe: 'Use printable characters on one line.',
    email: 'Enter an email address like name@example.com.',
    date: 'Enter a real date.',
    choose: 'Choose one.',
    choose_service: 'Choose at least one service.',
    document_required: 'Upload this document: the bank needs it for this account.',
    answer: 'Answer yes or no.',
    consent: 'Tick the box to agree.',
    gstin_pan_mismatch: 'The PAN inside this GSTIN (characters 3 to 12) is not the PAN given.',
    check_character: 'The check character is wrong: look for a typing mistake.',
    length: 'The number has the wrong length.',
    character: 'The number has a character that does not belong there.',
    invalidRegistration: 'This is not a valid number of this type.',
    country_code_missing: 'Start with the country code, e.g. +91.',
    unsupported_country: 'We accept numbers from India, the UK, the UAE, France, Spain and the US.',
    too_short: 'The number is too short.',
    invalidPhone: 'This is not a valid phone number.',
    phoneUnchecked: 'Checking the number…',
    server: 'The bank could not accept this.',
  },
  saved: 'Your answers are saved.',
  savedOffline: 'Saved on this device; they will be saved to the bank when you reconnect.',
  resumed: 'Welcome back: we kept your answers.',
  submitted: (id) => `Application ${id} received. We will be in touch.`,
  submittedTitle: 'Thank you',
  submitFailed: 'The application could not be sent. Please try again.',
  submitOffline: 'You are offline. Reconnect and submit again; nothing is lost.',
  submitLimited: 'Too many attempts. Wait a minute and try again.',
  submitRejected: 'Some answers need changing before the bank can accept them.',
  needsToken:
    'This form needs a signed-in customer: the page must give widget tokens (fetchToken or data-token-url).',
};

/** English in the bundle; the other tables (strings/*.ts) are fetched when a form needs one. */
export const ONBOARDING_STRINGS = new LazyStrings<OnboardingStrings>(en, {
  hi: () => import('./strings/hi.js').then((m) => m.hi),
  ar: () => import('./strings/ar.js').then((m) => m.ar),
  fr: () => import('./strings/fr.js').then((m) => m.fr),
  es: () => import('./strings/es.js').then((m) => m.es),
});

export { en as ONBOARDING_STRINGS_EN };
