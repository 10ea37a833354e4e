// How the catalog sounds, for queries typed in pinyin or with a typo. Its vocabulary is every pair of adjacent Chinese
// characters in a name, 子项名称 or keyword (退休, 休提, 提取…), each with its pinyin (pinyin-pro, every reading of a
// polyphone). A query is turned back into catalog text by chaining pairs that overlap by one character:
//   jiaoshizige → jiaoshi + shizi + zige → 教师 + 师资 + 资格 → 教师资格 (full pinyin, found as typed)
//   退修 → tuixiu → 退休;  教室资格 → 教师资格 (a homophone);  jiaosizige → 教师资格 (sizi is one edit from shizi:
//   MiniSearch's fuzzy search over the pinyin of the pairs);  教帅资格 → 教师资格 (a pair sharing a character).
// The vocabulary is small (distinct pairs, not rows) and built on first use or in the background after a load.
import MiniSearch from 'minisearch';
import { pinyin } from 'pinyin-pro';
import { SYLLABLE_STARTS, SYLLABLES } from './syllables';

const HAN_RUN = /\p{Script=Han}+/gu;
const CHUNK = 4000;
/** partial chains kept while chaining, and readings returned */
const KEEP = 12;
/** candidates per pair */
const PER_PAIR = 40;
/** how sure a pair is: the pair itself, a homophone, a typed-pinyin pair, one edit away in pinyin, one character replaced */
const WEIGHT = { same: 1, homophone: 0.9, typed: 1, prefix: 0.9, fuzzy: 0.6, shape: 0.5 } as const;
/** a guess is offered only when its pairs are this sure on average */
const SURE = 0.6;

export interface Reading {
	text: string;
	weight: number;
}

interface Candidate {
	pair: string;
	weight: number;
}

const charSounds = new Map<string, string[]>();
/** Every reading of one character, toneless, ü as v. */
function soundsOf(ch: string): string[] {
	let out = charSounds.get(ch);
	if (!out) {
		out = [...new Set(pinyin(ch, { toneType: 'none', type: 'array', v: true, multiple: true }).map((s) => s.toLowerCase()))];
		charSounds.set(ch, out);
	}
	return out;
}

/** The syllables of a Chinese text read in context (one reading per character). */
export const syllablesOf = (text: string): string[] => pinyin(text, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase());

const top = <T extends { weight: number }>(list: T[], n: number) => list.sort((a, b) => b.weight - a.weight).slice(0, n);

export class SoundVocabulary {
	/** pinyin of a pair (tuixiu) → the pairs that sound so */
	private bySound = new Map<string, Set<string>>();
	/** a character → the pairs it starts / ends */
	private byFirst = new Map<string, Set<string>>();
	private bySecond = new Map<string, Set<string>>();
	private pairs = new Set<string>();
	private seenTexts = new Set<string>();
	private sounds?: MiniSearch<{ id: string }>;
	private built = 0;
	private building?: Promise<void>;
	private abandoned = false;

	/** `texts(n)`: the name, 子项名称 and keywords of row n */
	constructor(
		private count: number,
		private texts: (n: number) => string[]
	) {}

	private addRow(n: number) {
		for (const text of this.texts(n)) {
			if (this.seenTexts.has(text)) continue;
			this.seenTexts.add(text);
			for (const run of text.match(HAN_RUN) ?? []) for (let i = 0; i + 1 < run.length; i++) this.addPair(run.slice(i, i + 2));
		}
	}

	private addPair(pair: string) {
		if (this.pairs.has(pair)) return;
		this.pairs.add(pair);
		const put = (m: Map<string, Set<string>>, k: string) => (m.get(k) ?? m.set(k, new Set()).get(k)!).add(pair);
		for (const a of soundsOf(pair[0])) for (const b of soundsOf(pair[1])) put(this.bySound, a + b);
		put(this.byFirst, pair[0]);
		put(this.bySecond, pair[1]);
	}

	/** Builds what is left at once (the first search by sound when prepare() has not finished). */
	ensure(): this {
		for (; this.built < this.count; this.built++) this.addRow(this.built);
		if (!this.sounds) {
			this.sounds = new MiniSearch<{ id: string }>({ fields: ['id'], tokenize: (s) => [s], processTerm: (t) => t });
			this.sounds.addAll([...this.bySound.keys()].map((id) => ({ id })));
		}
		return this;
	}

	/** Builds in chunks between requests; stops when the index it belongs to is replaced (abandon()). */
	prepare(): Promise<void> {
		this.building ??= (async () => {
			while (this.built < this.count && !this.abandoned) {
				const end = Math.min(this.count, this.built + CHUNK);
				for (; this.built < end; this.built++) this.addRow(this.built);
				await new Promise((ok) => setImmediate(ok));
			}
			if (!this.abandoned) this.ensure();
		})();
		return this.building;
	}

	abandon() {
		this.abandoned = true;
	}

	/** Ways to split letters into syllables, the last possibly cut short (typing), at most four. */
	parse(letters: string): { syllables: string[]; partial: boolean }[] {
		const out: { syllables: string[]; partial: boolean }[] = [];
		const walk = (at: number, acc: string[]) => {
			if (out.length >= 4) return;
			if (at === letters.length) return void out.push({ syllables: acc, partial: false });
			for (let len = Math.min(6, letters.length - at); len >= 1; len--) {
				const s = letters.slice(at, at + len);
				if (SYLLABLES.has(s)) walk(at + len, [...acc, s]);
				else if (at + len === letters.length && acc.length && SYLLABLE_STARTS.has(s)) out.push({ syllables: [...acc, s], partial: true });
			}
		};
		walk(0, []);
		return out;
	}

	/** Pairs whose pinyin is `sound` (or starts with it, or is one edit away), weighted. */
	private bySoundOf(sound: string, how: 'typed' | 'homophone' | 'prefix' | 'fuzzy'): Candidate[] {
		const out: Candidate[] = [];
		if (how === 'typed' || how === 'homophone') {
			for (const pair of this.bySound.get(sound) ?? []) out.push({ pair, weight: WEIGHT[how] });
			return out;
		}
		const found = this.sounds!.search(sound, how === 'prefix' ? { prefix: true } : { fuzzy: sound.length >= 4 ? 1 : false });
		for (const r of found) if (r.id !== sound || how === 'prefix') for (const pair of this.bySound.get(r.id) ?? []) out.push({ pair, weight: WEIGHT[how] });
		return out;
	}

	/** Texts made of overlapping pairs, one from each candidate list, best first. */
	private chain(lists: Candidate[][]): Reading[] {
		if (!lists.length || lists.some((l) => !l.length)) return [];
		let partial: Reading[] = top(
			lists[0].map((c) => ({ text: c.pair, weight: c.weight })),
			KEEP
		);
		for (const list of lists.slice(1)) {
			const next: Reading[] = [];
			for (const p of partial) for (const c of list) if (c.pair[0] === p.text.at(-1)) next.push({ text: p.text + c.pair[1], weight: p.weight + c.weight });
			partial = top(next, KEEP);
			if (!partial.length) return [];
		}
		return partial.map((p) => ({ text: p.text, weight: p.weight / lists.length }));
	}

	/** Catalog texts that letters typed as full pinyin stand for (jiaoshizige → 教师资格); none for one syllable. */
	typed(letters: string): string[] {
		this.ensure();
		const out = new Set<string>();
		for (const { syllables, partial } of this.parse(letters)) {
			if (syllables.length < 2) continue;
			const lists = syllables.slice(1).map((s, i) => this.bySoundOf(syllables[i] + s, partial && i === syllables.length - 2 ? 'prefix' : 'typed'));
			for (const r of this.chain(lists.map((l) => top(l, PER_PAIR)))) out.add(r.text);
		}
		return [...out].slice(0, KEEP);
	}

	/**
	 * What a word that finds nothing probably meant, best first: catalog texts chained from pairs that are the same, sound
	 * the same, are one pinyin edit away or share a character; only guesses sure enough on average.
	 */
	near(word: string): Reading[] {
		this.ensure();
		let lists: Candidate[][];
		if (/^[a-z]+$/.test(word)) {
			const parsed = this.parse(word).find((p) => !p.partial && p.syllables.length >= 2);
			if (!parsed) return [];
			lists = parsed.syllables.slice(1).map((s, i) => {
				const sound = parsed.syllables[i] + s;
				return [...this.bySoundOf(sound, 'typed'), ...this.bySoundOf(sound, 'fuzzy')];
			});
		} else {
			if (!/^\p{Script=Han}{2,}$/u.test(word)) return [];
			lists = [...word].slice(1).map((second, i) => {
				const pair = word[i] + second;
				const sounds = soundsOf(pair[0]).flatMap((a) => soundsOf(pair[1]).map((b) => a + b));
				const list: Candidate[] = this.pairs.has(pair) ? [{ pair, weight: WEIGHT.same }] : [];
				for (const s of sounds) list.push(...this.bySoundOf(s, 'homophone'), ...this.bySoundOf(s, 'fuzzy'));
				return list;
			});
		}
		// each pair once, at its best weight
		const best = lists.map((l) => {
			const m = new Map<string, number>();
			for (const c of l) m.set(c.pair, Math.max(m.get(c.pair) ?? 0, c.weight));
			return top(
				[...m].map(([pair, weight]) => ({ pair, weight })),
				PER_PAIR
			);
		});
		const out = [...this.chain(best), ...this.reshaped(word)];
		return top(out, out.length).filter((r, i) => r.text !== word && r.weight >= SURE && out.findIndex((x) => x.text === r.text) === i);
	}

	/**
	 * The word with one character inside it replaced so that both pairs around it are catalog pairs (教帅资格 → 教师资格);
	 * a first or last character is bound by one neighbour only, too little to go on.
	 */
	private reshaped(word: string): Reading[] {
		if (!/^\p{Script=Han}{4,}$/u.test(word)) return [];
		const out: Reading[] = [];
		const pairs = word.length - 1;
		const same = [...word].slice(1).filter((c, i) => this.pairs.has(word[i] + c)).length;
		for (let j = 1; j + 1 < word.length; j++) {
			const after = new Set([...(this.bySecond.get(word[j + 1]) ?? [])].map((p) => p[0]));
			const xs = [...(this.byFirst.get(word[j - 1]) ?? [])].map((p) => p[1]).filter((x) => x !== word[j] && after.has(x));
			// the two pairs around j change; the others keep their weight
			const kept = same - Number(this.pairs.has(word[j - 1] + word[j])) - Number(this.pairs.has(word[j] + word[j + 1]));
			for (const x of xs) out.push({ text: word.slice(0, j) + x + word.slice(j + 1), weight: (kept * WEIGHT.same + 2 * WEIGHT.shape) / pairs });
		}
		return top(out, KEEP);
	}
}
