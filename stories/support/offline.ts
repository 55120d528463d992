/**
 * The browser without a connection: `navigator.onLine` says false and the window hears
 * `offline`, as when a customer's train enters a tunnel. `goOffline` suits a story's
 * `beforeEach` (its result brings the connection back when the story is left); a play function
 * that cuts the connection later registers `reconnect` as the cleanup in `beforeEach`.
 */
let offline = false;

export function reconnect(): void {
  if (!offline) return;
  offline = false;
  delete (navigator as { onLine?: boolean }).onLine;
  window.dispatchEvent(new Event('online'));
}

export function goOffline(): () => void {
  offline = true;
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  window.dispatchEvent(new Event('offline'));
  return reconnect;
}
