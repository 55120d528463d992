/**
 * What `<gw-provider>` (or the embed loader) gives every widget inside it, through
 * @lit/context. The key is a registered symbol, so two copies of the kit on one page share it.
 */
import { createContext } from '@lit/context';
import type { ApiClient } from './api-client.js';

export type Mode = 'light' | 'dark' | 'auto';
export type Direction = 'ltr' | 'rtl';

export interface GwContext {
  client: ApiClient;
  /** BCP 47 tag, e.g. `en-IN` (numbers group in lakhs and crores) or `ar`. */
  locale: string;
  dir: Direction;
  mode: Mode;
}

export const gwContext = createContext<GwContext | undefined>(
  Symbol.for('gridworks-embed.context'),
);
