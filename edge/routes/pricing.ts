/** Placeholder being written. */
import { router } from '../router.js';

export const pricingRoutes = () => router();
