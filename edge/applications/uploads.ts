/**
 * What document uploads are made of, apart from their routes (`documents.ts`): reading and
 * naming a file, the checks a submission's documents must pass, the tenant's download, and the
 * purge. Removal marks the row, deletes the bytes, then the row — a removal cut short is
 * finished by the next purge.
 */
import {
  type DocumentType,
  documentNameSchema,
  MAX_DOCUMENT_BYTES,
  type UploadedDocument,
} from '../../contracts/applications.js';
import type { DataKeys } from '../auth/data-keys.js';
import type { EdgeDeps } from '../deps.js';
import { Problem } from '../errors.js';
import type { UploadRef } from '../store/types.js';
import { documentOf, uploadBinding, uploadBlobKey } from './records.js';

/** How long an upload waits for a submission to attach it. */
export const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;
/** Uploads a customer may hold unattached at once (twice what one application carries). */
export const MAX_PENDING_UPLOADS = 40;
/** Uploads removed per purge batch. */
const PURGE_BATCH = 100;

const tooLarge = () =>
  new Problem(413, 'document-too-large', `Documents are limited to ${MAX_DOCUMENT_BYTES} bytes.`, {
    extensions: { maxBytes: MAX_DOCUMENT_BYTES },
  });

/**
 * The body's bytes, counted as they arrive: the edge judged a declared Content-Length
 * already, but a body may run longer than its header says.
 */
export async function readDocument(request: Request): Promise<Uint8Array<ArrayBuffer>> {
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_DOCUMENT_BYTES) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  if (size === 0)
    throw new Problem(400, 'empty-document', 'The request body is empty: send the file’s bytes.');
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const badName = () =>
  new Problem(
    400,
    'invalid-file-name',
    'X-File-Name must be one printable line of at most 200 characters, percent-encoded UTF-8.',
  );

/** `X-File-Name` percent-decoded and cleaned as display text; only its last path segment. */
export function fileNameOf(header: string | undefined): string | null {
  if (header === undefined || header.trim() === '') return null;
  if (!/^[\x20-\x7e]+$/.test(header)) throw badName();
  let decoded: string;
  try {
    decoded = decodeURIComponent(header);
  } catch {
    throw badName();
  }
  if (decoded.length > 200) throw badName();
  const parsed = documentNameSchema.safeParse(decoded.split(/[/\\]/).pop() ?? '');
  if (!parsed.success) throw badName();
  return parsed.data;
}

const EXTENSIONS: Record<DocumentType, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

const rfc5987 = (text: string) =>
  encodeURIComponent(text).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/**
 * `Content-Disposition: attachment` naming the file as the customer did, with the extension
 * of its real type added when the name says otherwise (`scan.exe` comes back `scan.exe.pdf`).
 */
export function attachmentOf(name: string | null, id: string, type: DocumentType): string {
  const ext = EXTENSIONS[type];
  let file = name ?? id;
  const own = /\.([A-Za-z0-9]{1,5})$/.exec(file)?.[1]?.toLowerCase();
  if (own !== ext && !(ext === 'jpg' && own === 'jpeg')) file = `${file}.${ext}`;
  const fallback = file.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${rfc5987(file)}`;
}

export const toHex = (digest: ArrayBuffer) =>
  Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Removes uploads already marked for removal: the bytes first, then the rows (a removal cut
 * short leaves marked rows, which the next purge finishes).
 */
export async function removeUploads(
  deps: EdgeDeps,
  uploads: readonly UploadRef[],
): Promise<number> {
  if (uploads.length === 0) return 0;
  await deps.blobs.delete(uploads.map((u) => uploadBlobKey(u.tenantId, u.id)));
  return deps.store.deleteRemovedUploads(uploads.map((u) => u.id));
}

/** Purges uploads never attached within their 24 h (and finishes removals cut short). */
export async function purgeUploads(deps: EdgeDeps, rounds = 10): Promise<number> {
  let purged = 0;
  for (let round = 0; round < rounds; round++) {
    const taken = await deps.store.takeRemovedUploads(deps.clock.now(), PURGE_BATCH);
    purged += await removeUploads(deps, taken);
    if (taken.length < PURGE_BATCH) break;
  }
  return purged;
}

/** The documents an application carries, as the bank's backend reads them, in `order` (ids). */
export async function applicationDocuments(
  deps: EdgeDeps,
  dataKeys: DataKeys,
  tenantId: string,
  applicationId: string,
  order: readonly string[],
): Promise<UploadedDocument[]> {
  const uploads = await deps.store.listApplicationUploads(tenantId, applicationId);
  const rank = (id: string) => {
    const i = order.indexOf(id);
    return i === -1 ? order.length : i;
  };
  uploads.sort((a, b) => rank(a.id) - rank(b.id));
  return Promise.all(uploads.map((u) => documentOf(dataKeys, u)));
}

/** Why listed documents cannot be attached: a 422 with a JSON Pointer to each item. */
export async function checkDocuments(
  store: EdgeDeps['store'],
  tenantId: string,
  customer: string,
  documents: readonly { id: string; kind: string }[],
  at: number,
): Promise<void> {
  const found = new Map(
    (
      await store.getUploads(
        tenantId,
        documents.map((d) => d.id),
      )
    ).map((u) => [u.id, u]),
  );
  const errors: { path: string; code: string; message: string }[] = [];
  documents.forEach((d, i) => {
    const upload = found.get(d.id);
    const path = `/steps/documents/documents/${i}`;
    // Another customer's or tenant's upload, a removed or an expired one: all "not found".
    if (
      !upload ||
      upload.customer !== customer ||
      upload.state === 'removing' ||
      (upload.state === 'uploaded' && upload.expiresAt <= at)
    )
      errors.push({
        path: `${path}/id`,
        code: 'document-not-found',
        message: 'no document with this id was uploaded by this customer in the last 24 hours',
      });
    else if (upload.state === 'attached')
      errors.push({
        path: `${path}/id`,
        code: 'document-submitted',
        message: 'this document is already part of a submitted application',
      });
    else if (upload.kind !== d.kind)
      errors.push({
        path: `${path}/kind`,
        code: 'document-kind-mismatch',
        message: `this document was uploaded as ${upload.kind}`,
      });
  });
  if (errors.length > 0)
    throw new Problem(422, 'invalid-documents', 'Some documents cannot be attached.', {
      extensions: { errors },
    });
}

/**
 * An application's document, decrypted, as a download: its real type, as an attachment, never
 * sniffed, cached or rendered inline by the browser.
 */
export async function documentResponse(
  deps: EdgeDeps,
  dataKeys: DataKeys,
  tenantId: string,
  applicationId: string,
  id: string,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; headers: Record<string, string> }> {
  const [upload] = await deps.store.getUploads(tenantId, [id]);
  if (upload?.state !== 'attached' || upload.applicationId !== applicationId)
    throw new Problem(404, 'not-found', 'No document with this id on the application.');
  const sealed = await deps.blobs.get(uploadBlobKey(tenantId, id));
  // The row says it is stored: its bytes missing is the store's failure, not the caller's.
  if (!sealed) throw new Error('an attached document’s bytes are missing from the blob store');
  const bytes = await dataKeys.openBytes(
    tenantId,
    sealed,
    uploadBinding(tenantId, upload.customer, id),
  );
  const { name } = await documentOf(dataKeys, upload);
  return {
    bytes: bytes as Uint8Array<ArrayBuffer>,
    headers: {
      'Content-Type': upload.type,
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': attachmentOf(name, id, upload.type as DocumentType),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'none'; sandbox; frame-ancestors 'none'",
    },
  };
}
