/**
 * Perplexity returns its sources as a `citations` array of URLs (and
 * `search_results` with titles) and marks them in the text as `[1]`, `[2]`...
 * Each marker that points at a listed source becomes a `url_citation`
 * annotation spanning the marker, titled from `search_results` (else the URL).
 */
import type { UrlCitationBody } from 'anyresponses/openresponses';

const MARKER = /\[(\d{1,3})\]/g;

export function citationAnnotations(
  text: string,
  citations: readonly unknown[] | undefined,
  results?: ReadonlyArray<{ title?: unknown; url?: unknown }>,
): UrlCitationBody[] {
  if (!citations || citations.length === 0 || text.indexOf('[') === -1) return [];
  const out: UrlCitationBody[] = [];
  for (const m of text.matchAll(MARKER)) {
    const n = Number(m[1]);
    const url = citations[n - 1];
    if (n < 1 || typeof url !== 'string') continue;
    const hit = results?.find((r) => r && r.url === url);
    const title = hit && typeof hit.title === 'string' && hit.title !== '' ? hit.title : url;
    out.push({ type: 'url_citation', url, start_index: m.index!, end_index: m.index! + m[0].length, title });
  }
  return out;
}

/** OpenAI's chat annotations (`{type: "url_citation", url_citation: {...}}`, search models) -> Responses annotations. */
export function chatAnnotations(list: unknown): UrlCitationBody[] {
  if (!Array.isArray(list)) return [];
  const out: UrlCitationBody[] = [];
  for (const a of list) {
    const c = a && typeof a === 'object' ? (a as { url_citation?: Record<string, unknown> }).url_citation : undefined;
    if (!c || typeof c.url !== 'string') continue;
    const start = typeof c.start_index === 'number' ? c.start_index : 0;
    out.push({ type: 'url_citation', url: c.url, start_index: start, end_index: typeof c.end_index === 'number' ? c.end_index : start, title: typeof c.title === 'string' ? c.title : c.url });
  }
  return out;
}
