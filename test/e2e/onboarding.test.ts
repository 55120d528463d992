// The onboarding form on the demo bank's page, in real Chromium against the real edge: filled
// in from the keyboard, resumed after a reload (the draft on the edge), submitted once with an
// Idempotency-Key, and found by the bank through the tenant API; a second applicant on the
// demo sanctions list is held for review — with no console error, no
// failed request and no CSP violation on the way.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { onePagePdf } from '../edge/document-fixtures.js';
import { eventDetail, openPage, startWorld, until, type World } from './fixtures/harness.js';

let world: World;
before(async () => {
  world = await startWorld();
});
after(async () => {
  await world?.close();
});

test('/demo: an application from the keyboard, resumed after a reload, submitted once and listed for the bank', async () => {
  let opened = await openPage(world.browser, `${world.url}/demo`);
  try {
    const form = (selector: string) => opened.page.locator(`gw-onboarding-form ${selector}`);
    const field = (name: string) => form(`[name="${name}"]`);
    const next = () => form('[part~="button"]').click();
    await form('[part~="step-heading"]').waitFor();

    // Continue on the empty step: the summary, and focus on the first field to fix.
    await next();
    await form('[part~="error-summary"]').waitFor();
    assert.equal(
      await opened.page.evaluate(() =>
        document
          .querySelector('gw-onboarding-form')
          ?.shadowRoot?.activeElement?.getAttribute('name'),
      ),
      'company.legalName',
    );
    await field('company.legalName').pressSequentially('Zephyrine Textiles Private Limited');
    await opened.page.keyboard.press('Tab');
    await field('company.registrationNumbers.0.value').fill('U17110MH2019PTC123456');
    await field('company.incorporationDate').fill('2019-04-01');
    await field('company.line1').fill('42 Marigold Lane');
    await field('company.city').fill('Pune');
    await field('company.postalCode').fill('411001');
    await field('company.postalCode').press('Enter');
    await form('[name="entityType"][value="private-limited"]').check();
    await next();
    await field('signatories.0.fullName').fill('Aurelio Quintanilla');
    await field('signatories.0.role').fill('Director');
    await field('signatories.0.email').fill('aurelio@zephyrine.example');
    await field('signatories.0.phone').fill('98123 45678');
    // The draft reaches the edge (debounced) before the reload.
    await until(
      opened,
      'the draft is saved to the edge',
      () =>
        document
          .querySelector('gw-onboarding-form')
          ?.shadowRoot?.querySelector('[part~="save-status"]')
          ?.textContent?.includes('saved') ?? false,
      undefined,
      5000,
    );
    await opened.close();

    // A new page (no sessionStorage copy): the edge's draft resumes at the people step.
    opened = await openPage(world.browser, `${world.url}/demo`);
    await form('[part~="step-heading"]').waitFor();
    assert.equal(await field('signatories.0.fullName').inputValue(), 'Aurelio Quintanilla');
    assert.equal(await field('signatories.0.phone').inputValue(), '+919812345678');
    await next();
    await form('[name="services"]').first().check();
    await next();
    await form('[name="documents.certificate-of-incorporation"]').waitFor();
    // A real PDF through the real edge's content check: listed once accepted. An executable
    // named .pdf is refused with the reason.
    await field('documents.proof-of-address').setInputFiles({
      name: 'bill.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('MZ\x90\x00 this is an executable'),
    });
    await form('[part~="field-error"]').filter({ hasText: 'not a PDF, PNG or JPEG' }).waitFor();
    await field('documents.certificate-of-incorporation').setInputFiles({
      name: 'certificate.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(onePagePdf()),
    });
    await form('[part~="document-item"]').filter({ hasText: 'certificate.pdf' }).waitFor();
    await next();
    await form('[name="politicallyExposed"][value="no"]').check();
    await form('[name="sanctioned"][value="no"]').check();
    await form('[name="consent"]').check();
    await next();
    const submitted = eventDetail<{ receipt: { id: string; status: string } }>(
      opened,
      'gw-application-submitted',
    );
    await next();
    const { receipt } = await submitted;
    await form('[part~="submitted"]').waitFor();
    assert.match(receipt.id, /^app_/);

    const list = await fetch(`${world.url}/v1/applications`, {
      headers: { authorization: `Bearer ${world.secretKey}` },
    });
    assert.equal(list.status, 200);
    const { items: applications } = (await list.json()) as {
      items: { id: string; customer: string }[];
    };
    assert.equal(applications[0]?.customer, 'demo-customer-0001');
    assert.deepEqual(
      applications.map((a) => a.id),
      [receipt.id],
      'exactly one application, the one the widget got a receipt for',
    );
    const one = (await (
      await fetch(`${world.url}/v1/applications/${receipt.id}`, {
        headers: { authorization: `Bearer ${world.secretKey}` },
      })
    ).json()) as {
      steps: { people: { signatories: { phone: string }[] } };
      documents: { id: string; name: string; type: string }[];
    };
    assert.equal(one.steps.people.signatories[0]?.phone, '+919812345678');
    assert.deepEqual(
      one.documents.map((d) => [d.name, d.type]),
      [['certificate.pdf', 'application/pdf']],
    );
    const download = await fetch(
      `${world.url}/v1/applications/${receipt.id}/documents/${one.documents[0]?.id}`,
      { headers: { authorization: `Bearer ${world.secretKey}` } },
    );
    assert.deepEqual(new Uint8Array(await download.arrayBuffer()), onePagePdf());

    // A second application, whose signatory is on the demo tenant's (fictional) sanctions list
    // under another spelling: held in needs_review, with the hit on it for the reviewer.
    await opened.close();
    opened = await openPage(world.browser, `${world.url}/demo`);
    await form('[part~="step-heading"]').waitFor();
    assert.equal(
      await field('company.legalName').inputValue(),
      '',
      'a fresh form after submitting',
    );
    await field('company.legalName').fill('Qarwash Trading LLP');
    await field('company.registrationNumbers.0.value').fill('U17110MH2019PTC123456');
    await field('company.incorporationDate').fill('2020-01-15');
    await field('company.line1').fill('7 Harbour Road');
    await field('company.city').fill('Mumbai');
    await field('company.postalCode').fill('400001');
    await next();
    await form('[name="entityType"][value="llp"]').check();
    await next();
    await field('signatories.0.fullName').fill('Muhammad Qarwash Al Zindani');
    await field('signatories.0.role').fill('Partner');
    await field('signatories.0.email').fill('mq@qarwash.example');
    await field('signatories.0.phone').fill('+44 7400 123456');
    await next();
    await form('[name="services"]').first().check();
    await next();
    await form('[name="documents.certificate-of-incorporation"]').waitFor();
    await next();
    await form('[name="politicallyExposed"][value="no"]').check();
    await form('[name="sanctioned"][value="no"]').check();
    await form('[name="consent"]').check();
    await next();
    const held = eventDetail<{ receipt: { id: string; status: string } }>(
      opened,
      'gw-application-submitted',
    );
    await next();
    const second = (await held).receipt;
    const review = (await (
      await fetch(`${world.url}/v1/applications/${second.id}`, {
        headers: { authorization: `Bearer ${world.secretKey}` },
      })
    ).json()) as {
      status: string;
      screening: { hits: { subject: string; entry: { reference: string } }[] } | null;
    };
    assert.equal(review.status, 'needs_review');
    assert.ok(
      review.screening?.hits.some((h) => h.subject === 'signatories/0'),
      `the signatory's hit is on the application: ${JSON.stringify(review.screening)}`,
    );
    assert.deepEqual(opened.problems, [], 'no console errors and no failed requests');
    assert.deepEqual((await opened.probe()).violations, [], 'no CSP violations');
  } finally {
    await opened.close();
  }
});
