/**
 * Cuts libphonenumber-js's bundled metadata to the countries the onboarding form supports
 * (contracts/phone-countries.ts) and writes contracts/phone-metadata.json, which
 * contracts/phone-number.ts hands to the library's `core` functions. The widget then carries
 * six countries' rules instead of all of them.
 *
 *   npm run phone:metadata
 *
 * Run it after changing PHONE_COUNTRIES or upgrading libphonenumber-js, and commit the result;
 * test/contracts/phone.test.ts fails while the committed file differs from what this writes.
 * The source is the library's `max` metadata, which holds the per-type patterns: with `min`,
 * `isValid()` only checks a number's length.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MetadataJson } from 'libphonenumber-js/core';
import maxMetadata from 'libphonenumber-js/max/metadata';
import { PHONE_COUNTRIES } from '../contracts/phone-countries.js';

export const PHONE_METADATA_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'contracts',
  'phone-metadata.json',
);

/**
 * `full` with only `countries` left: their numbering plans, and each calling code listing only
 * them. Non-geographic codes (+800, +882, …) go. Fails if a kept country is not its calling
 * code's main country (the first listed, e.g. US for +1), because a country without formats of
 * its own borrows the main country's, which would be gone.
 */
export function cutPhoneMetadata(full: MetadataJson, countries: readonly string[]): MetadataJson {
  const keep = new Set(countries);
  const countryCallingCodes: Record<string, string[]> = {};
  for (const [callingCode, sharing] of Object.entries(full.country_calling_codes)) {
    const kept = sharing.filter((country) => keep.has(country));
    if (kept.length === 0) continue;
    if (sharing[0] !== kept[0]) {
      throw new Error(`+${callingCode}: ${kept[0]} needs its main country ${sharing[0]} kept too`);
    }
    countryCallingCodes[callingCode] = kept;
  }
  const plans: Record<string, unknown> = {};
  for (const country of countries) {
    const plan = (full.countries as Record<string, unknown>)[country];
    if (plan === undefined) throw new Error(`libphonenumber-js has no metadata for ${country}`);
    plans[country] = plan;
  }
  return {
    version: full.version,
    country_calling_codes: countryCallingCodes,
    countries: plans,
    nonGeographic: {},
  } as MetadataJson;
}

/** The file's exact text: compact (it is data, not for reading), with a final newline. */
export function renderPhoneMetadata(metadata: MetadataJson): string {
  return `${JSON.stringify(metadata)}\n`;
}

/** What `npm run phone:metadata` writes. */
export function phoneMetadataText(): string {
  return renderPhoneMetadata(cutPhoneMetadata(maxMetadata, PHONE_COUNTRIES));
}

const isMain =
  process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (isMain) {
  const text = phoneMetadataText();
  writeFileSync(PHONE_METADATA_FILE, text);
  console.log(`wrote ${PHONE_METADATA_FILE} (${PHONE_COUNTRIES.join(', ')}): ${text.length} bytes`);
}
