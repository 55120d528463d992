/** Events of `<gw-onboarding-form>`: bubbling, composed, typed, fired on the customer's actions. */
import type { ApplicationReceipt, Submission } from '../../contracts/applications.js';
import { GwEvent } from '../core/events.js';
import type { FormStep } from './model.js';

export interface GwStepChangeDetail {
  from: FormStep;
  to: FormStep;
  /** 0-based position of `to` among the steps shown. */
  index: number;
}

export interface GwSubmitDetail {
  /** What will be sent, already validated. `preventDefault()` stops it being sent. */
  submission: Submission;
}

export interface GwApplicationSubmittedDetail {
  /** The edge's receipt: the application id (`app_…`), status, product and time. */
  receipt: ApplicationReceipt;
}

/** The customer moved to another step (Continue, Back, or a step in the review). */
export class GwStepChangeEvent extends GwEvent<GwStepChangeDetail> {
  constructor(detail: GwStepChangeDetail) {
    super('gw-step-change', detail);
  }
}

/** About to send the application: cancelable, e.g. for the bank's own last check. */
export class GwSubmitEvent extends GwEvent<GwSubmitDetail> {
  constructor(detail: GwSubmitDetail) {
    super('gw-submit', detail, { cancelable: true });
  }
}

/** The edge accepted the application (or replayed its first answer to a retried submission). */
export class GwApplicationSubmittedEvent extends GwEvent<GwApplicationSubmittedDetail> {
  constructor(detail: GwApplicationSubmittedDetail) {
    super('gw-application-submitted', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gw-step-change': GwStepChangeEvent;
    'gw-submit': GwSubmitEvent;
    'gw-application-submitted': GwApplicationSubmittedEvent;
  }
}
