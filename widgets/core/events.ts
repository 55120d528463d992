/**
 * Every event the kit fires: `gw-*`, bubbling and composed, with a typed `detail`. Only
 * "before" events are cancelable (the onboarding form's `gw-submit`); the others are not.
 */

export class GwEvent<T> extends CustomEvent<T> {
  constructor(type: string, detail: T, options: { cancelable?: boolean } = {}) {
    super(type, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false });
  }
}

/** Fires a typed `gw-*` event from `target`; returns false if a listener cancelled it. */
export function emit<T>(target: EventTarget, type: string, detail: T): boolean {
  return target.dispatchEvent(new GwEvent(type, detail));
}

/** Fired when a widget has loaded its data and theme (or failed to). */
export interface GwLoadDetail {
  ok: boolean;
  /** RFC 9457 `type` of the failure, when not ok. */
  error?: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** Every widget: its data loaded (`detail.ok`) or failed (`detail.error`: the problem type). */
    'gw-load': GwEvent<GwLoadDetail>;
    /** Every widget: the tenant's theme stylesheet was adopted into its shadow root. */
    'gw-theme-applied': GwEvent<null>;
  }
}
