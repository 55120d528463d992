/**
 * The countries whose phone numbers the onboarding form accepts. The phone metadata the widget
 * bundles is cut to exactly these (scripts/build-phone-metadata.ts, `npm run phone:metadata`):
 * after changing this list, regenerate it — the phone tests fail until the two agree.
 */
export const PHONE_COUNTRIES = ['IN', 'GB', 'AE', 'FR', 'ES', 'US'] as const;

export type PhoneCountry = (typeof PHONE_COUNTRIES)[number];

export function isPhoneCountry(country: string | undefined): country is PhoneCountry {
  return (PHONE_COUNTRIES as readonly (string | undefined)[]).includes(country);
}
