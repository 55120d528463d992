import { define } from '../core/define.js';
import { GwOnboardingForm } from './onboarding-form.component.js';

export type {
  ApplicationReceipt,
  Submission,
} from '../../contracts/applications.js';
export type {
  GwApplicationSubmittedDetail,
  GwApplicationSubmittedEvent,
  GwStepChangeDetail,
  GwStepChangeEvent,
  GwSubmitDetail,
  GwSubmitEvent,
} from './events.js';
export type { FormState, FormStep } from './model.js';
export { GwOnboardingForm };

define('gw-onboarding-form', GwOnboardingForm);

declare global {
  interface HTMLElementTagNameMap {
    'gw-onboarding-form': GwOnboardingForm;
  }
}
