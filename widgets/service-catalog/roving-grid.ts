/**
 * Keyboard movement through a responsive grid of cards with a roving tabindex: one card is in
 * the tab order; arrow keys move in reading order (mirrored in RTL), Up and Down move to the
 * nearest card in the row above or below (measured, so any column count or host CSS works),
 * Home and End go to the first and last card. Enter and Space are the cards' own (buttons).
 */
import type { ReactiveControllerHost } from 'lit';

export interface RovingGridOptions {
  /** The focusable card elements, in DOM (reading) order. */
  items: () => HTMLElement[];
  /** The stable id of a card element. */
  idOf: (item: HTMLElement) => string;
  direction: () => 'ltr' | 'rtl';
}

export class RovingGridController {
  readonly #host: ReactiveControllerHost;
  readonly #options: RovingGridOptions;
  /** The card in the tab order; the first card when unset or filtered away. */
  activeId: string | undefined;

  constructor(host: ReactiveControllerHost, options: RovingGridOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** The tabindex a card should render with, given the ids currently shown. */
  tabIndexOf(id: string, ids: readonly string[]): 0 | -1 {
    const active =
      this.activeId !== undefined && ids.includes(this.activeId) ? this.activeId : ids[0];
    return id === active ? 0 : -1;
  }

  /** Remembers a card focused by pointer or Tab, so Tab returns to it. */
  readonly onFocusIn = (event: FocusEvent): void => {
    const item = this.#options.items().find((el) => el === event.target);
    if (item) this.#activate(item, false);
  };

  readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.altKey || event.metaKey || event.shiftKey) return;
    const items = this.#options.items();
    const index = items.indexOf(event.target as HTMLElement);
    const current = items[index];
    if (!current) return;
    const rtl = this.#options.direction() === 'rtl';
    let target: HTMLElement | undefined;
    switch (event.key) {
      case 'ArrowRight':
        target = items[index + (rtl ? -1 : 1)];
        break;
      case 'ArrowLeft':
        target = items[index + (rtl ? 1 : -1)];
        break;
      case 'ArrowDown':
        target = nearestInRow(items, current, 'below');
        break;
      case 'ArrowUp':
        target = nearestInRow(items, current, 'above');
        break;
      case 'Home':
        target = items[0];
        break;
      case 'End':
        target = items[items.length - 1];
        break;
      default:
        return;
    }
    // The key is ours even at an edge, so the page does not scroll instead.
    event.preventDefault();
    if (target && target !== current) this.#activate(target, true);
  };

  #activate(item: HTMLElement, focus: boolean): void {
    const id = this.#options.idOf(item);
    if (this.activeId === id && !focus) return;
    this.activeId = id;
    // Applied now so focus never lands on a -1 card; the next render writes the same values.
    for (const el of this.#options.items()) el.tabIndex = el === item ? 0 : -1;
    if (focus) {
      item.focus();
      item.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    }
    this.#host.requestUpdate();
  }
}

/** The card in the next row above or below whose centre is closest to `from`'s. */
function nearestInRow(
  items: HTMLElement[],
  from: HTMLElement,
  where: 'above' | 'below',
): HTMLElement | undefined {
  const origin = from.getBoundingClientRect();
  const centre = (r: DOMRect) => r.left + r.width / 2;
  const rows = items
    .map((el) => ({ el, rect: el.getBoundingClientRect() }))
    .filter(({ rect }) =>
      where === 'below' ? rect.top >= origin.bottom - 1 : rect.bottom <= origin.top + 1,
    );
  if (rows.length === 0) return undefined;
  const rowTop =
    where === 'below'
      ? Math.min(...rows.map((r) => r.rect.top))
      : Math.max(...rows.map((r) => r.rect.top));
  const row = rows.filter((r) => Math.abs(r.rect.top - rowTop) < 1);
  row.sort(
    (a, b) => Math.abs(centre(a.rect) - centre(origin)) - Math.abs(centre(b.rect) - centre(origin)),
  );
  return row[0]?.el;
}
