/**
 * Per-language string tables loaded on demand, apart from localize.ts so the embed loader (which
 * needs the locale rules) does not carry it.
 */
import { type Language, languageOf } from './localize.js';

/**
 * A widget's strings with English in its bundle and every other language fetched on first use
 * (a dynamic import each), so a page in English does not download four tables it never shows.
 * `get` answers at once when the table is here, else undefined after starting the load;
 * `onLoad` is called when it arrives, to render again.
 */
export class LazyStrings<T> {
  readonly #tables = new Map<Language, T>();
  readonly #loading = new Map<Language, Promise<void>>();
  readonly #loaders: Readonly<Partial<Record<Language, () => Promise<T>>>>;

  constructor(en: T, loaders: Partial<Record<Language, () => Promise<T>>>) {
    this.#tables.set('en', en);
    this.#loaders = loaders;
  }

  get(locale: string, onLoad: () => void): T | undefined {
    const language = languageOf(locale);
    const table = this.#tables.get(language);
    if (table) return table;
    void this.load(language).then(onLoad);
    return undefined;
  }

  /** The table if it is here, without loading anything. */
  peek(locale: string): T | undefined {
    return this.#tables.get(languageOf(locale));
  }

  /** Loads a language's table; a failed load (offline) falls back to English. */
  load(language: Language): Promise<void> {
    const loader = this.#loaders[language];
    if (this.#tables.has(language) || !loader) return Promise.resolve();
    let loading = this.#loading.get(language);
    if (!loading) {
      loading = loader().then(
        (table) => void this.#tables.set(language, table),
        () => void this.#tables.set(language, this.#tables.get('en') as T),
      );
      this.#loading.set(language, loading);
    }
    return loading;
  }
}
