// The whole onboarding form completed with the keyboard alone on the demo bank's page, in real
// Chromium against the real edge: Tab to reach each control, typing, arrows and Space for
// choices, Enter to continue and to submit — no click, no fill(), no script setting a value.
// The edge then holds exactly the application typed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright';
import { eventDetail, openPage, startWorld, type World } from './fixtures/harness.js';

let world: World;
before(async () => {
  world = await startWorld();
});
after(async () => {
  await world?.close();
});

/** What has focus, through shadow roots: its `name`, else its `part`, else its tag. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return '';
    const value = el instanceof HTMLInputElement && el.type === 'radio' ? `=${el.value}` : '';
    return `${el.getAttribute('name') ?? el.getAttribute('part') ?? el.tagName.toLowerCase()}${value}`;
  });

/** Presses Tab until `target` has focus (at most `max` times); fails naming where it stopped. */
async function tabTo(page: Page, target: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await focused(page)) === target) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${target}; focus is on ${await focused(page)}`);
}

async function typeInto(page: Page, name: string, text: string): Promise<void> {
  await tabTo(page, name);
  await page.keyboard.type(text);
}

test('/demo: the whole onboarding form with the keyboard alone', async () => {
  const opened = await openPage(world.browser, `${world.url}/demo`);
  const { page } = opened;
  try {
    await page.locator('gw-onboarding-form [part~="step-heading"]').waitFor();
    // From the top of the page, Tab into the form.
    await tabTo(page, 'company.legalName', 120);
    await page.keyboard.type('Keyboard Textiles Private Limited');
    await typeInto(page, 'company.registrationNumbers.0.value', 'U17110MH2019PTC123456');
    // A date input takes its digits in the browser's order (en-US: month, day, year).
    await tabTo(page, 'company.incorporationDate');
    await page.keyboard.type('04012019');
    await typeInto(page, 'company.line1', '42 Marigold Lane');
    await typeInto(page, 'company.city', 'Pune');
    await typeInto(page, 'company.postalCode', '411001');
    await page.keyboard.press('Enter'); // Continue
    // Entity type: arrows move through a radio group and choose.
    await page.locator('gw-onboarding-form [name="entityType"]').first().waitFor();
    await tabTo(page, 'entityType=private-limited');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown'); // public-limited
    await page.keyboard.press('ArrowDown'); // llp
    await tabTo(page, 'button');
    await page.keyboard.press('Enter');
    await page.locator('gw-onboarding-form [name="signatories.0.fullName"]').waitFor();
    await typeInto(page, 'signatories.0.fullName', 'Keya Board');
    await typeInto(page, 'signatories.0.role', 'Director');
    await typeInto(page, 'signatories.0.email', 'keya@keyboard.example');
    await typeInto(page, 'signatories.0.phone', '98123 45678');
    await page.keyboard.press('Enter');
    // Services: Space ticks the first.
    await page.locator('gw-onboarding-form [name="services"]').first().waitFor();
    await tabTo(page, 'services');
    await page.keyboard.press('Space');
    await tabTo(page, 'button');
    await page.keyboard.press('Enter');
    // Documents: none required by the demo's product; Continue.
    await page.locator('gw-onboarding-form [name="documents.identity"]').waitFor();
    await tabTo(page, 'button');
    await page.keyboard.press('Enter');
    // Declarations: "no" twice (ArrowDown from "yes"), consent with Space.
    await page.locator('gw-onboarding-form [name="politicallyExposed"]').first().waitFor();
    await tabTo(page, 'politicallyExposed=yes');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'sanctioned=yes');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'consent');
    await page.keyboard.press('Space');
    await tabTo(page, 'button');
    await page.keyboard.press('Enter');
    // Review: focus is on its heading; Tab to Submit, Enter.
    await page.locator('gw-onboarding-form [part~="review"]').waitFor();
    const submitted = eventDetail<{ receipt: { id: string } }>(opened, 'gw-application-submitted');
    await tabTo(page, 'button');
    await page.keyboard.press('Enter');
    const { receipt } = await submitted;
    const one = (await (
      await fetch(`${world.url}/v1/applications/${receipt.id}`, {
        headers: { authorization: `Bearer ${world.secretKey}` },
      })
    ).json()) as {
      steps: {
        company: { legalName: string; incorporationDate: string };
        entityType: { entityType: string };
        people: { signatories: { fullName: string; phone: string }[] };
        declarations: { politicallyExposed: boolean; sanctioned: boolean };
      };
    };
    assert.equal(one.steps.company.legalName, 'Keyboard Textiles Private Limited');
    assert.equal(one.steps.company.incorporationDate, '2019-04-01');
    assert.equal(one.steps.entityType.entityType, 'llp');
    assert.equal(one.steps.people.signatories[0]?.phone, '+919812345678');
    assert.deepEqual(
      [one.steps.declarations.politicallyExposed, one.steps.declarations.sanctioned],
      [false, false],
    );
    assert.deepEqual(opened.problems, [], 'no console errors and no failed requests');
  } finally {
    await opened.close();
  }
});
