/** Custom domains (being written). */
import { router } from '../router.js';

export const domainRoutes = () => router();
