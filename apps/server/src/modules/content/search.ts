/**
 * The knowledge base's search (docs/feed.md): Chinese word segmentation with `Intl.Segmenter('zh')` (Node's
 * full ICU) and BM25 ranking in our own code — no outside service. Pure: the caller hands it the documents;
 * modules/content/knowledge.service.ts keeps one index per tenant and rebuilds it when an article changes.
 */

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Words that carry no subject in an owner's question (它们出现在几乎每个问题里). */
const stopWords = new Set([
  '的',
  '了',
  '吗',
  '呢',
  '吧',
  '啊',
  '呀',
  '是',
  '在',
  '我',
  '我的',
  '你',
  '您',
  '他',
  '它',
  '这',
  '那',
  '有',
  '怎么',
  '怎么办',
  '怎样',
  '什么',
  '如何',
  '为什么',
  '哪些',
  '哪个',
  '多少',
  '多久',
  '要',
  '会',
  '能',
  '可以',
  '和',
  '与',
  '或',
  '及',
  '请问',
  '请',
  '问',
  '一下',
  '应该',
  '需要',
  '就',
  '都',
  '也',
  '还',
  '吗？',
  '个',
  '一',
  'the',
  'a',
  'an',
  'of',
  'to',
  'is',
  'how',
  'what',
  'do',
  'i',
  'my',
]);

/** The words of a text, lower-cased, without punctuation and stop words (numbers kept: 10000 公里). */
export const words = (text: string): string[] => {
  const out: string[] = [];
  for (const s of segmenter.segment(text.toLowerCase())) {
    if (!s.isWordLike) continue;
    const w = s.segment.trim();
    if (w && !stopWords.has(w)) out.push(w);
  }
  return out;
};

export type SearchDoc = { id: string; title: string; keywords: string; body: string };
type Field = 'title' | 'keywords' | 'body';
/** A word in the title says more than one in the body; keywords are the owners' own words for the subject. */
const fieldWeights: Record<Field, number> = { title: 3, keywords: 2.5, body: 1 };
const k1 = 1.2;
const b = 0.75;

type Entry = { id: string; tf: Record<Field, Map<string, number>>; len: Record<Field, number> };
export type SearchIndex = { entries: Entry[]; df: Map<string, number>; avg: Record<Field, number> };

const counts = (list: string[]) => {
  const m = new Map<string, number>();
  for (const w of list) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
};

export const buildIndex = (docs: readonly SearchDoc[]): SearchIndex => {
  const entries: Entry[] = docs.map((d) => {
    const fields = { title: words(d.title), keywords: words(d.keywords), body: words(d.body) };
    return {
      id: d.id,
      tf: { title: counts(fields.title), keywords: counts(fields.keywords), body: counts(fields.body) },
      len: { title: fields.title.length, keywords: fields.keywords.length, body: fields.body.length },
    };
  });
  const df = new Map<string, number>();
  for (const e of entries) {
    const seen = new Set([...e.tf.title.keys(), ...e.tf.keywords.keys(), ...e.tf.body.keys()]);
    for (const w of seen) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const avg = (f: Field) => Math.max(1, entries.reduce((n, e) => n + e.len[f], 0) / Math.max(1, entries.length));
  return { entries, df, avg: { title: avg('title'), keywords: avg('keywords'), body: avg('body') } };
};

/**
 * How often the word occurs in the field, a document's longer word counting half for a shorter query word it
 * starts with (换 in 换位, 胎压 in 胎压监测): segmentation cuts a question and an article differently.
 */
const frequency = (tf: Map<string, number>, word: string, longer: readonly string[]) => {
  let n = tf.get(word) ?? 0;
  for (const w of longer) n += (tf.get(w) ?? 0) / 2;
  return n;
};

/**
 * The index's longer words a query word starts with (Chinese words only), found once per query word in the
 * vocabulary rather than in every document's words: the search stays a few map look-ups per document (1,000
 * articles: bench/chat.ts).
 */
const longerWords = (index: SearchIndex, word: string): string[] => {
  if (!/\p{Script=Han}/u.test(word)) return [];
  const out: string[] = [];
  for (const w of index.df.keys()) if (w !== word && w.startsWith(word)) out.push(w);
  return out;
};

export type Hit = { id: string; score: number };

/** BM25F over the segmented words: the best first, only documents that share a word with the question. */
export const search = (index: SearchIndex, question: string, limit = 10): Hit[] => {
  const terms = [...new Set(words(question))].map((term) => ({ term, longer: longerWords(index, term) }));
  if (terms.length === 0) return [];
  const n = index.entries.length;
  const hits: Hit[] = [];
  for (const e of index.entries) {
    let score = 0;
    for (const { term, longer } of terms) {
      let weighted = 0;
      for (const f of ['title', 'keywords', 'body'] as const) {
        const tf = frequency(e.tf[f], term, longer);
        if (tf > 0) weighted += (fieldWeights[f] * tf) / (1 - b + (b * e.len[f]) / index.avg[f]);
      }
      if (weighted === 0) continue;
      const df = index.df.get(term) ?? 1;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      score += (idf * weighted * (k1 + 1)) / (weighted + k1);
    }
    if (score > 0) hits.push({ id: e.id, score: Math.round(score * 1000) / 1000 });
  }
  // Ties by id in code-point order (ids are uuids): localeCompare would be most of the cost at 1,000 articles.
  return hits.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)).slice(0, limit);
};

/**
 * The share of the question's words a document holds (0–1): an assistant's check that an article answers the
 * whole question rather than one word of it (车险续保多少钱 shares 车险 with the claim documents, nothing more).
 */
export const coverage = (index: SearchIndex, id: string, question: string): number => {
  const terms = [...new Set(words(question))];
  const e = index.entries.find((x) => x.id === id);
  if (!e || terms.length === 0) return 0;
  const held = terms.filter((t) => {
    const longer = longerWords(index, t);
    return (['title', 'keywords', 'body'] as const).some((f) => frequency(e.tf[f], t, longer) > 0);
  });
  return held.length / terms.length;
};
