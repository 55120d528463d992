/**
 * A file's bytes POSTed to the edge with the widget token, reporting upload progress (which
 * fetch cannot), its JSON answer parsed. Failures are ApiErrors, as the client's own requests.
 */
import { type ApiClient, ApiError, problemError } from '../core/api-client.js';

export function upload<T>(
  client: ApiClient,
  path: string,
  file: Blob,
  init: {
    headers?: Record<string, string>;
    onProgress?: (sent: number, total: number) => void;
    signal?: AbortSignal;
  } = {},
): Promise<T> {
  if (globalThis.navigator?.onLine === false)
    return Promise.reject(new ApiError(0, 'offline', 'You are offline.'));
  return client.writeCredential().then(
    (credential) =>
      new Promise<T>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `${client.baseUrl}${path}`);
        if (credential) xhr.setRequestHeader('authorization', `Bearer ${credential}`);
        xhr.setRequestHeader('content-type', 'application/octet-stream');
        for (const [name, value] of Object.entries(init.headers ?? {}))
          xhr.setRequestHeader(name, value);
        xhr.upload.onprogress = (event) =>
          init.onProgress?.(event.loaded, event.total || file.size);
        xhr.onerror = () => reject(new ApiError(0, 'network', 'The service could not be reached.'));
        xhr.onabort = () => reject(new DOMException('The upload was aborted.', 'AbortError'));
        xhr.onload = () => {
          if (xhr.status >= 200 && xhr.status < 300)
            return resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
          if (xhr.status === 401) client.dropToken();
          reject(problemError(xhr.status, xhr.responseText));
        };
        init.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
        xhr.send(file);
      }),
  );
}
