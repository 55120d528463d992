/**
 * The phone-number schema of the onboarding contract: input as a person types it, output in
 * E.164, valid for one of the supported countries. The edge validates with it; the widget
 * imports its types only and runs checkPhoneNumber (phone-number.ts) itself, keeping zod out of
 * its bundle.
 */
import { z } from 'zod';
import { PHONE_COUNTRIES, type PhoneCountry } from './phone-countries.js';
import { checkPhoneNumber } from './phone-number.js';

export { isPhoneCountry, PHONE_COUNTRIES, type PhoneCountry } from './phone-countries.js';
export {
  checkPhoneNumber,
  PHONE_COUNTRIES_TEXT,
  type PhoneCheck,
  type PhoneErrorCode,
  type PhoneFailure,
} from './phone-number.js';

/** Room for any number written out with spaces, dots and brackets; refuses pasted text early. */
export const PHONE_INPUT_MAX_LENGTH = 40;

/**
 * A phone number, international or (given `defaultCountry`) national, parsed to E.164. Each
 * error's `params.code` is checkPhoneNumber's code, for translations.
 */
export function phoneSchema(defaultCountry?: PhoneCountry) {
  return z
    .string()
    .max(PHONE_INPUT_MAX_LENGTH, `Phone: at most ${PHONE_INPUT_MAX_LENGTH} characters`)
    .meta({
      description: `A phone number in ${PHONE_COUNTRIES.join(', ')}, as typed (international, or national for the form's default country); parsed to E.164`,
    })
    .transform((input, ctx) => {
      const result = checkPhoneNumber(input, defaultCountry);
      if (result.ok) return result.e164;
      ctx.addIssue({
        code: 'custom',
        message: result.message,
        params: { code: result.code, ...result.params },
      });
      return z.NEVER;
    });
}

/** A phone number in E.164, as phoneSchema outputs it ("+442079460958"). */
export type E164PhoneNumber = z.output<ReturnType<typeof phoneSchema>>;
