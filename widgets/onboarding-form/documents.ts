/**
 * The documents step of `<gw-onboarding-form>`: one file input per kind of document, each
 * upload sent at once to the edge (`POST /v1/applications/documents`, the bytes as the body)
 * with a progress bar, and the edge's verdict shown beside it. The edge decides by content
 * (magic bytes; a PDF with JavaScript or encryption is refused); the form only refuses early
 * what is certainly too big, so the customer does not wait for a 10 MB upload to fail.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { DOCUMENT_KINDS, type DocumentKind } from '../../contracts/onboarding-lists.js';
import { type ApiClient, ApiError } from '../core/api-client.js';
import { formatNumber } from '../core/localize.js';
import type { OnboardingStrings } from './locales.js';
import type { UploadedDocument } from './model.js';
import { upload } from './upload.js';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
const ACCEPT = 'application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg';

type Upload =
  | { state: 'uploading'; name: string; sent: number; total: number; abort: AbortController }
  | { state: 'failed'; name: string; reason: string };

export interface DocumentsHost {
  client: () => ApiClient | undefined;
  documents: () => readonly UploadedDocument[];
  /** A document the edge accepted (add) or the customer removed (remove). */
  changed: (add?: UploadedDocument, removeId?: string) => void;
  announce: (text: string) => void;
  requestUpdate: () => void;
}

export class DocumentUploads {
  readonly #host: DocumentsHost;
  readonly #uploads = new Map<DocumentKind, Upload>();

  constructor(host: DocumentsHost) {
    this.#host = host;
  }

  get busy(): boolean {
    return [...this.#uploads.values()].some((u) => u.state === 'uploading');
  }

  /** Stops uploads in progress (the element left the page). */
  abortAll(): void {
    for (const upload of this.#uploads.values())
      if (upload.state === 'uploading') upload.abort.abort();
  }

  async #upload(kind: DocumentKind, file: File, t: OnboardingStrings): Promise<void> {
    const client = this.#host.client();
    if (!client) return;
    if (file.size > MAX_DOCUMENT_BYTES) {
      this.#fail(kind, file.name, t.upload.tooLarge);
      return;
    }
    if (file.size === 0) {
      this.#fail(kind, file.name, t.upload.empty);
      return;
    }
    const abort = new AbortController();
    this.#uploads.set(kind, {
      state: 'uploading',
      name: file.name,
      sent: 0,
      total: file.size,
      abort,
    });
    this.#host.requestUpdate();
    try {
      const doc = await upload<UploadedDocument>(
        client,
        `/v1/applications/documents?kind=${encodeURIComponent(kind)}`,
        file,
        {
          headers: { 'x-file-name': encodeURIComponent(file.name.slice(0, 200)) },
          signal: abort.signal,
          onProgress: (sent, total) => {
            const upload = this.#uploads.get(kind);
            if (upload?.state !== 'uploading') return;
            upload.sent = sent;
            upload.total = total;
            this.#host.requestUpdate();
          },
        },
      );
      this.#uploads.delete(kind);
      this.#host.changed({ ...doc, kind });
      this.#host.announce(t.upload.done(doc.name || file.name));
    } catch (error) {
      if ((error as Error).name === 'AbortError') {
        this.#uploads.delete(kind);
        return;
      }
      this.#fail(kind, file.name, reasonOf(error, t));
    }
    this.#host.requestUpdate();
  }

  #fail(kind: DocumentKind, name: string, reason: string): void {
    this.#uploads.set(kind, { state: 'failed', name, reason });
    this.#host.announce(reason);
    this.#host.requestUpdate();
  }

  async #remove(doc: UploadedDocument, t: OnboardingStrings): Promise<void> {
    this.#host.changed(undefined, doc.id);
    this.#host.announce(t.upload.removed(doc.name));
    // The edge forgets it too; if that fails, the unattached upload is purged within a day.
    await this.#host
      .client()
      ?.request(`/v1/applications/documents/${encodeURIComponent(doc.id)}`, { method: 'DELETE' })
      .catch(() => undefined);
  }

  /** `errors`: the form's verdicts by path (`documents.<kind>`: a required one is missing). */
  render(
    t: OnboardingStrings,
    locale: string,
    errors: ReadonlyMap<string, { code: string }>,
  ): TemplateResult {
    const documents = this.#host.documents();
    return html`<p part="hint" class="hint" id="documents-hint">${t.upload.hint}</p>
      ${DOCUMENT_KINDS.map((kind) => {
        const id = `f-documents-${kind}`;
        const upload = this.#uploads.get(kind);
        const mine = documents.filter((d) => d.kind === kind);
        const missing = errors.has(`documents.${kind}`) && !upload;
        const invalid = upload?.state === 'failed' || missing;
        return html`<div part="field document" class="field document">
          <label part="label" for=${id}>${t.documentKinds[kind]}</label>
          <input part="input file" id=${id} name="documents.${kind}" type="file" accept=${ACCEPT}
            aria-describedby="documents-hint${invalid ? ` ${id}-error` : ''}"
            aria-invalid=${invalid ? 'true' : 'false'}
            ?disabled=${upload?.state === 'uploading'}
            @change=${(e: Event) => {
              const input = e.target as HTMLInputElement;
              const file = input.files?.[0];
              input.value = '';
              if (file) void this.#upload(kind, file, t);
            }} />
          ${
            upload?.state === 'uploading'
              ? html`<div class="progress-line">
                  <progress part="upload-progress" max=${upload.total} .value=${upload.sent}
                    aria-label=${t.upload.uploading(upload.name)}></progress>
                  <span>${formatNumber(upload.total ? upload.sent / upload.total : 0, locale, { style: 'percent' })}</span>
                  <button part="secondary-button" class="secondary" type="button"
                    @click=${() => upload.abort.abort()}>${t.upload.cancel}</button>
                </div>`
              : nothing
          }
          ${
            upload?.state === 'failed'
              ? html`<p part="field-error" class="field-error" id="${id}-error">${upload.name}: ${upload.reason}</p>`
              : missing
                ? html`<p part="field-error" class="field-error" id="${id}-error">${t.errors.document_required}</p>`
                : nothing
          }
          ${
            mine.length
              ? html`<ul part="documents" class="documents">
                  ${mine.map(
                    (doc) => html`<li part="document-item">
                      <span>${doc.name}</span>
                      <span class="hint">${formatSize(doc.size, locale)}</span>
                      <button part="secondary-button" class="secondary" type="button"
                        @click=${() => this.#remove(doc, t)}>${t.upload.remove(doc.name)}</button>
                    </li>`,
                  )}
                </ul>`
              : nothing
          }
        </div>`;
      })}`;
  }
}

function formatSize(bytes: number, locale: string): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1
    ? formatNumber(mb, locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 })
    : formatNumber(Math.max(1, Math.round(bytes / 1024)), locale, {
        style: 'unit',
        unit: 'kilobyte',
      });
}

/** The customer's reason for the edge's refusal (by its problem type), never a raw code. */
function reasonOf(error: unknown, t: OnboardingStrings): string {
  if (!(error instanceof ApiError)) return t.upload.failed;
  if (error.offline) return t.upload.offline;
  switch (error.type) {
    case 'document-too-large':
      return t.upload.tooLarge;
    case 'unsupported-document-type':
      return t.upload.type;
    case 'pdf-javascript':
      return t.upload.pdfJavascript;
    case 'pdf-encrypted':
      return t.upload.pdfEncrypted;
    default:
      return error.status === 413
        ? t.upload.tooLarge
        : error.status === 429
          ? t.submitLimited
          : t.upload.failed;
  }
}
