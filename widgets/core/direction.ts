/** Text direction of a BCP 47 locale (its own module: the embed loader needs only this). */
import type { Direction } from './context.js';

const RTL = new Set(['ar', 'he', 'fa', 'ur']);

export function directionOf(locale: string): Direction {
  return RTL.has(locale.toLowerCase().split('-')[0] ?? '') ? 'rtl' : 'ltr';
}
