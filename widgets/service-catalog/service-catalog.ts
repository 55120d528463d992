import { define } from '../core/define.js';
import { GwServiceCatalog } from './service-catalog.component.js';

export type {
  GwCompareChangeDetail,
  GwFilterChangeDetail,
  GwServiceSelectDetail,
} from './events.js';
export { GwCompareChangeEvent, GwFilterChangeEvent, GwServiceSelectEvent } from './events.js';
export { GwServiceCatalog };

define('gw-service-catalog', GwServiceCatalog);

declare global {
  interface HTMLElementTagNameMap {
    'gw-service-catalog': GwServiceCatalog;
  }
}
