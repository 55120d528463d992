/**
 * Knowledge-base search on the edge: the tenant's articles scored against what the customer
 * is typing, word by word (a term matches the words it begins). Small on purpose — a tenant has at most MAX_ARTICLES, read in one query and
 * scored in memory, the same on SQLite and D1 (no full-text index to keep in step).
 */
import type { ArticleHit } from '../../contracts/chat.js';
import type { ArticleRecord } from '../store/ports/chat.js';

/** Most hits a search returns. */
export const MAX_HITS = 5;
/** Characters of body text around the first match in a hit's snippet. */
const SNIPPET_CHARS = 160;

/** Lowercase, without diacritics, so "Überweisung" matches "uberweisung". */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('und');
}

/** The words of a query worth matching: letters or digits, two or more of them. */
export function queryTerms(query: string): string[] {
  return [...new Set(fold(query).match(/[\p{L}\p{N}]{2,}/gu) ?? [])].slice(0, 12);
}

/** The folded words of a text. */
const wordsOf = (text: string): string[] => fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];

/** Words starting with `term`: a word's prefix matches ("transf" → "transfer"), its middle not ("card" ↛ "discard"). */
function count(words: readonly string[], term: string): number {
  let n = 0;
  for (const word of words) if (word.startsWith(term)) n += 1;
  return n;
}

function snippet(body: string, terms: string[]): string {
  const folded = fold(body);
  // Folding can change lengths (ligatures); positions are then approximate, which is fine.
  const first = Math.min(
    ...terms
      .map((t) => folded.search(new RegExp(`(?<![\\p{L}\\p{N}])${escape(t)}`, 'u')))
      .filter((i) => i >= 0),
    Number.POSITIVE_INFINITY,
  );
  const start = Number.isFinite(first) ? Math.max(0, first - SNIPPET_CHARS / 4) : 0;
  const text = body
    .slice(start, start + SNIPPET_CHARS)
    .replace(/\s+/g, ' ')
    .trim();
  return `${start > 0 ? '…' : ''}${text}${start + SNIPPET_CHARS < body.length ? '…' : ''}`;
}

/**
 * The best articles for `query`: a title word counts three times, a tag twice, the body once;
 * an article must match every term somewhere (so adding a word narrows). Ties by title.
 */
export function searchArticles(articles: readonly ArticleRecord[], query: string): ArticleHit[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const scored: { article: ArticleRecord; score: number }[] = [];
  for (const article of articles) {
    const title = wordsOf(article.title);
    const tags = wordsOf(article.tags.join(' '));
    const body = wordsOf(article.body);
    let score = 0;
    let all = true;
    for (const term of terms) {
      const s = count(title, term) * 3 + count(tags, term) * 2 + count(body, term);
      if (s === 0) all = false;
      score += s;
    }
    if (all) scored.push({ article, score });
  }
  scored.sort((a, b) => b.score - a.score || a.article.title.localeCompare(b.article.title));
  return scored.slice(0, MAX_HITS).map(({ article }) => ({
    slug: article.slug,
    title: article.title,
    snippet: snippet(article.body, terms),
    url: article.url,
  }));
}
