// A portal query read the ways a citizen may mean it: split into words (spaces and punctuation), each word also read with
// its synonyms replaced (search-synonyms.json), split into dictionary words (Intl.Segmenter; runs of single characters
// kept together) and, typed in letters, as the catalog text its pinyin stands for (phonetic.ts), so 「提取公积金」 finds
// 「离退休提取住房公积金」, 「证书补发」 finds 「…证书遗失补办」 and jiaoshizige 「教师资格认定」. A row matches a word when
// one reading's parts all occur in it.
import type { SearchSynonym } from '../model';

/** One way to read a query word: every part must occur in a row; `exact` when it is the word as typed. */
export interface Reading {
	parts: string[];
	exact: boolean;
}

export interface QueryWord {
	text: string;
	readings: Reading[];
}

export interface ReadOptions {
	/** the catalog texts letters typed as full pinyin stand for */
	typed?: (letters: string) => string[];
	/** words read only as typed and through synonyms (guesses are checked this way: never loosened by splitting) */
	strict?: ReadonlySet<string>;
}

const SEPARATORS = /[\s,，、。；;：:！!？?（）()【】[\]「」《》"“”'‘’·/\\|]+/;
const PURE_HAN = /^\p{Script=Han}+$/u;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
/** readings per word at most: a word with many synonym-bearing parts does not multiply without end */
const MAX_READINGS = 8;

/** The words of a query, lower case, split on spaces and punctuation. */
export function queryWords(q: string): string[] {
	return q.trim().toLowerCase().split(SEPARATORS).filter(Boolean);
}

/** Replacements per word, longest first: a query containing `from` is also read with it replaced by `to`. */
export class SynonymTable {
	private rules: [from: string, to: string][] = [];

	constructor(groups: SearchSynonym[] = []) {
		const seen = new Set<string>();
		const add = (from: string, to: string) => {
			const key = `${from}\u0000${to}`;
			if (from === to || seen.has(key)) return;
			seen.add(key);
			this.rules.push([from.toLowerCase(), to.toLowerCase()]);
		};
		for (const g of groups) {
			if (g.oneWay) for (const to of g.words.slice(1)) add(g.words[0], to);
			else for (const from of g.words) for (const to of g.words) add(from, to);
		}
		this.rules.sort((a, b) => b[0].length - a[0].length);
	}

	get size() {
		return this.rules.length;
	}

	/** The word with each synonym it contains replaced (one replacement at a time), the word itself first. */
	variants(word: string): string[] {
		const out = [word];
		for (const [from, to] of this.rules) {
			if (out.length >= MAX_READINGS) break;
			if (!word.includes(from)) continue;
			const v = word.split(from).join(to);
			if (!out.includes(v)) out.push(v);
		}
		return out;
	}
}

/**
 * The dictionary words of a Chinese text (ICU's word list), consecutive single characters kept together: ICU splits
 * words it does not know (公积金 → 公 积 金; 退修 → 退 修) and a lone character would match far too much.
 */
export function segments(text: string): string[] {
	const out: string[] = [];
	let single = false;
	for (const { segment } of segmenter.segment(text)) {
		const one = segment.length === 1;
		if (one && single) out[out.length - 1] += segment;
		else out.push(segment);
		single = one;
	}
	return out;
}

/** Every reading of one word: as typed, with synonyms, split into dictionary words (each of those with synonyms), as pinyin. */
export function readWord(word: string, synonyms: SynonymTable, opts: ReadOptions = {}): QueryWord {
	const readings: Reading[] = [];
	const add = (parts: string[], exact: boolean) => {
		const key = parts.join(' ');
		if (readings.length < MAX_READINGS && !readings.some((r) => r.parts.join(' ') === key)) readings.push({ parts, exact });
	};
	const variants = synonyms.variants(word);
	for (const v of variants) add([v], v === word);
	if (opts.strict?.has(word)) return { text: word, readings };
	// only all-Chinese words are split: 「第99号」 must not match every row with a 99 in a code
	if (PURE_HAN.test(word)) {
		for (const v of variants) {
			const parts = segments(v);
			if (parts.length > 1) add(parts, false);
		}
		// a split word whose parts carry synonyms: 「补发证书」 also as 补办 + 证书
		const parts = segments(word);
		if (parts.length > 1)
			parts.forEach((p, i) => {
				for (const alt of synonyms.variants(p).slice(1))
					add(
						parts.map((x, j) => (j === i ? alt : x)),
						false
					);
			});
	}
	if (opts.typed && /^[a-z]{4,}$/.test(word)) for (const t of opts.typed(word)) add([t], false);
	return { text: word, readings };
}

/** The query's words, each with its readings. */
export function readQuery(q: string, synonyms: SynonymTable, opts: ReadOptions = {}): QueryWord[] {
	return queryWords(q).map((w) => readWord(w, synonyms, opts));
}

const allIn = (text: string, parts: string[]) => {
	for (let k = 0; k < parts.length; k++) if (!text.includes(parts[k])) return false;
	return true;
};

/** Does the reading imply the other (each of the other's parts is inside one of its parts)? Then only the other is tried. */
const implies = (a: Reading, b: Reading) => a !== b && b.parts.every((p) => a.parts.some((x) => x.includes(p)));

/**
 * A test of a text against every word (one reading of each must occur), without allocation per text: it runs over every
 * row of the catalog. A reading that implies a looser one (证书补发 → 证书 + 补发) is left to the looser one.
 */
export function matcher(words: QueryWord[]): (text: string) => boolean {
	const ws = words.map((w) => w.readings.filter((r) => !w.readings.some((o) => implies(r, o) && !implies(o, r))).map((r) => r.parts));
	return (text) => {
		outer: for (let i = 0; i < ws.length; i++) {
			const readings = ws[i];
			for (let j = 0; j < readings.length; j++) if (allIn(text, readings[j])) continue outer;
			return false;
		}
		return true;
	};
}

/** The texts a row is matched and ranked by, lower case. */
export interface RowTexts {
	/** name and 子项名称 */
	name: string;
	keywords: string;
	/** everything searchable: name, codes, keywords, department, initials… */
	hay: string;
}

/**
 * How well a row that matches answers the query: per word, 3 when a reading is in the name (as typed; 2.5 through a
 * synonym, a split or pinyin), 2 in a keyword (1.5), 1 elsewhere. The whole query in the name adds 2, at its start 3.
 */
export function score(row: RowTexts, words: QueryWord[]): number {
	let total = 0;
	for (const w of words) {
		let best = 1; // the row matches the word somewhere
		for (const r of w.readings) {
			const bonus = r.exact ? 0.5 : 0;
			if (allIn(row.name, r.parts)) best = Math.max(best, 2.5 + bonus);
			else if (allIn(row.keywords, r.parts)) best = Math.max(best, 1.5 + bonus);
		}
		total += best;
	}
	const phrase = words.map((w) => w.text).join('');
	if (words.length && row.name.includes(phrase)) total += row.name.startsWith(phrase) ? 3 : 2;
	return total;
}
