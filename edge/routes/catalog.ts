/** Placeholder being written. */
import { router } from '../router.js';

export const catalogRoutes = () => router();
