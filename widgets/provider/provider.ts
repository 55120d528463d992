import { define } from '../core/define.js';
import { GwProvider } from './provider.component.js';

export { GwProvider };

define('gw-provider', GwProvider);

declare global {
  interface HTMLElementTagNameMap {
    'gw-provider': GwProvider;
  }
}
