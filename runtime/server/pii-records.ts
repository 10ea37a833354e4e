// Which values of a record are personal identifiers, and the one walk that seals, opens, masks or indexes them.
// A value is an identifier when its field is one (a form field with format id-number or phone, or whose semantic key has
// that format or `sensitive: true`), or when it looks like one wherever it is (an 18-digit ID number with a valid check
// digit, a mainland mobile number). Only these values are touched: the rest of a record is stored as it is.
import { isChineseIdNumber } from '../core/formats';
import type { Catalog } from '../core/check';
import { applicantNameFields, identifierNames } from '../core/catalog/index';
import { summarise } from '../core/catalog/summary';
import type { CaseState, Licence } from '../core/cases/state';
import type { Account, Draft } from '../core/store';
import { isSealed, maskIdentifier, normaliseIdentifier, Recent, type PiiCipher } from './pii';

const MOBILE = /^1[3-9]\d{9}$/;

/** A value that is an identifier wherever it appears. */
export const looksLikeIdentifier = (v: string) => (v.length === 18 && isChineseIdNumber(v.toUpperCase())) || (v.length === 11 && MOBILE.test(v));

/** A field name, or its item's field as scoped in a bundle's form (item__field). */
const inSet = (names: Set<string>, key: string) => {
	if (names.has(key)) return true;
	const scope = key.indexOf('__');
	return scope > 0 && names.has(key.slice(scope + 2));
};

/** The field names that hold personal identifiers (from the catalog's forms), plus the value rules above. */
export class PiiFields {
	readonly names = new Set<string>(['idNumber', 'phone']);
	/** fields holding the applicant's name (not sealed; hashed so the inbox can find a case by it) */
	readonly applicantNames = new Set<string>(applicantNameFields([]));

	constructor(names: Iterable<string> = []) {
		for (const n of names) this.names.add(n);
	}

	add(names: Iterable<string>) {
		for (const n of names) this.names.add(n);
	}

	addApplicantNames(names: Iterable<string>) {
		for (const n of names) this.applicantNames.add(n);
	}

	has(key: string, value: string): boolean {
		return value !== '' && (inSet(this.names, key) || looksLikeIdentifier(value));
	}

	isApplicantName(key: string): boolean {
		return inSet(this.applicantNames, key);
	}

	/** Every field of the catalog's forms (and their names once composed) whose format or semantic key marks an identifier. */
	static fromCatalog(catalog: Pick<Catalog, 'dictionaries' | 'items' | 'bundles'>): PiiFields {
		const entries = [...catalog.items.values(), ...catalog.bundles.values()].map((d) => {
			const kind = 'members' in d ? ('bundle' as const) : ('item' as const);
			return { kind, id: d.id, rev: 1, draft: false, version: 1, summary: summarise(kind, d.id, d) };
		});
		const fields = new PiiFields(identifierNames(entries, catalog.dictionaries));
		fields.addApplicantNames(applicantNameFields(entries));
		return fields;
	}
}

type Leaf = (key: string, value: string) => string | undefined;

/** Maps the string leaves of a JSON value (a leaf's key is its property's, or its array's); copies only what changed. */
function walk(v: unknown, key: string, f: Leaf): unknown {
	if (typeof v === 'string') return f(key, v) ?? v;
	if (Array.isArray(v)) {
		let out: unknown[] | undefined;
		for (let i = 0; i < v.length; i++) {
			const next = walk(v[i], key, f);
			if (next !== v[i]) (out ??= [...v])[i] = next;
		}
		return out ?? v;
	}
	if (v && typeof v === 'object') {
		let out: Record<string, unknown> | undefined;
		for (const [k, x] of Object.entries(v)) {
			const next = walk(x, k, f);
			if (next !== x) (out ??= { ...(v as Record<string, unknown>) })[k] = next;
		}
		return out ?? v;
	}
	return v;
}

/** A licence's holder id and number (an ID card's number is the ID number) and its data. */
function mapLicence(l: Licence, f: Leaf): Licence {
	const holderId = f('holderId', l.holderId) ?? l.holderId;
	const number = f('number', l.number) ?? l.number;
	const data = walk(l.data, '', f) as Licence['data'];
	return holderId === l.holderId && number === l.number && data === l.data ? l : { ...l, holderId, number, data };
}

/** The parts of each record that may hold identifiers, mapped with f. */
const parts = {
	state(s: CaseState, f: Leaf): CaseState {
		const data = (m: CaseState['machine']) => {
			const d = walk(m.context.data, '', f) as Record<string, unknown>;
			return d === m.context.data ? m : { ...m, context: { ...m.context, data: d } };
		};
		const machine = data(s.machine);
		const initial = s.initial === s.machine ? machine : data(s.initial);
		let results = s.results;
		for (let i = 0; i < results.length; i++) {
			const l = results[i].licence;
			const next = l && mapLicence(l, f);
			if (next !== l) (results = results === s.results ? [...results] : results)[i] = { ...results[i], licence: next };
		}
		return machine === s.machine && initial === s.initial && results === s.results ? s : { ...s, machine, initial, results };
	},
	payload: (p: Record<string, unknown>, f: Leaf) => walk(p, '', f) as Record<string, unknown>,
	draft: (d: Draft, f: Leaf): Draft => {
		const data = walk(d.data, '', f) as Draft['data'];
		return data === d.data ? d : { ...d, data };
	},
	account: (a: Account, f: Leaf): Account => {
		const profile = a.profile && (walk(a.profile, '', f) as Account['profile']);
		return profile === a.profile ? a : { ...a, profile };
	},
	licence: mapLicence
};

export type PiiRecordKind = keyof typeof parts;
type RecordOf<K extends PiiRecordKind> = Parameters<(typeof parts)[K]>[0];

/** Brings every stored record to the current key, suite and field list; returns how many were rewritten. */
export type ResealPii = (log?: (line: string) => void) => Promise<number>;

/** Seals and opens records at a store's boundary: the core sees plaintext, the store holds ciphertext and keyed hashes. */
export class PiiCodec {
	constructor(
		readonly cipher: PiiCipher,
		readonly fields: PiiFields = new PiiFields()
	) {}

	/**
	 * Values sealed or opened lately (with the current key), by plaintext: a case read and written back in one action is
	 * not encrypted anew. A value repeated across records then has one ciphertext, which tells no more than the keyed hash.
	 */
	private readonly recent = new Recent<string>(10_000);

	/** A value already shaped like a sealed one is sealed too, so every stored `enc:` string is one of ours. */
	seal<K extends PiiRecordKind>(kind: K, record: RecordOf<K>, memo: Map<string, string> = this.recent): RecordOf<K> {
		const leaf: Leaf = (k, v) => {
			if (!this.fields.has(k, v) && !isSealed(v)) return undefined;
			let out = memo.get(v);
			if (out === undefined) memo.set(v, (out = this.cipher.encrypt(v)));
			return out;
		};
		return (parts[kind] as (r: RecordOf<K>, f: Leaf) => RecordOf<K>)(record, leaf);
	}

	/** Sealed values opened lately, by ciphertext (each is unique: a fresh iv), so a case read again is not decrypted anew. */
	private readonly opened = new Recent<string>(10_000);

	open<K extends PiiRecordKind>(kind: K, record: RecordOf<K>): RecordOf<K> {
		const current = this.cipher.currentHeader;
		const leaf: Leaf = (_k, v) => {
			if (!isSealed(v)) return undefined;
			let out = this.opened.get(v);
			if (out === undefined) {
				this.opened.set(v, (out = this.cipher.decrypt(v)));
				if (v.startsWith(current)) this.recent.set(out, v);
			}
			return out;
		};
		return (parts[kind] as (r: RecordOf<K>, f: Leaf) => RecordOf<K>)(record, leaf);
	}

	/**
	 * A stored record sealed as it would be written now (the current key and suite, the current field list), keeping the
	 * values already sealed that way: `changed` is false when the stored form is already current.
	 */
	reseal<K extends PiiRecordKind>(kind: K, stored: RecordOf<K>): { record: RecordOf<K>; sealed: RecordOf<K>; changed: boolean } {
		const current = this.cipher.currentHeader;
		const reuse = new Map<string, string>();
		const record = (parts[kind] as (r: RecordOf<K>, f: Leaf) => RecordOf<K>)(stored, (_k, v) => {
			if (!isSealed(v)) return undefined;
			const plain = this.cipher.decrypt(v);
			if (v.startsWith(current)) reuse.set(plain, v);
			return plain;
		});
		const sealed = this.seal(kind, record, reuse);
		return { record, sealed, changed: JSON.stringify(sealed) !== JSON.stringify(stored) };
	}

	/** The identifiers a case is found by (normalised): those in its current form data (plaintext state). */
	caseIdentifiers(state: CaseState): string[] {
		const out = new Set<string>();
		walk(state.machine.context.data, '', (k, v) => void (this.fields.has(k, v) && out.add(normaliseIdentifier(v))));
		return [...out];
	}

	/** The applicant names a case is found by (normalised): the name fields of its current form data. */
	caseNames(state: CaseState): string[] {
		const out = new Set<string>();
		walk(state.machine.context.data, '', (k, v) => void (this.fields.isApplicantName(k) && normaliseName(v) && out.add(normaliseName(v))));
		return [...out];
	}

	/** Their keyed hashes, as indexed (cases.pii_hashes): the identifiers', then the names' (kept apart by a prefix). */
	caseLookups(state: CaseState): string[] {
		return [...this.caseIdentifiers(state), ...this.caseNames(state).map(nameKey)].map((v) => this.cipher.lookup(v));
	}

	/** The identifiers an account is found by (normalised): those in its profile (plaintext). */
	accountIdentifiers(a: Account): string[] {
		const out = new Set<string>();
		walk(a.profile ?? {}, '', (k, v) => void (this.fields.has(k, v) && out.add(normaliseIdentifier(v))));
		return [...out];
	}

	/** Their keyed hashes, as indexed (accounts.pii_hashes). */
	accountLookups(a: Account): string[] {
		return this.accountIdentifiers(a).map((v) => this.cipher.lookup(v));
	}
}

/** A name as it is hashed: without any whitespace (a full-width space typed between surname and given name). */
export const normaliseName = (v: string) => v.replace(/[\s\u3000]+/g, '');

/** What a name is hashed as, so that no name's hash equals an identifier's. */
export const nameKey = (name: string) => `name:${normaliseName(name)}`;

/** The record with every identifier masked (for a viewer who does not need the full value). */
export function maskRecord<K extends PiiRecordKind>(fields: PiiFields, kind: K, record: RecordOf<K>): RecordOf<K> {
	return (parts[kind] as (r: RecordOf<K>, f: Leaf) => RecordOf<K>)(record, (k, v) => (fields.has(k, v) ? maskIdentifier(v) : undefined));
}

/** Any JSON value with the values that look like identifiers masked (audit details, free-form payloads). */
export const maskLooseValues = <T>(value: T): T => walk(value, '', (_k, v) => (looksLikeIdentifier(v) ? maskIdentifier(v) : undefined)) as T;

/** Any JSON value with every sealed string opened (reading a whole data file written by another process). */
export const openEverywhere = <T>(value: T, cipher: PiiCipher): T => walk(value, '', (_k, v) => (isSealed(v) ? cipher.decrypt(v) : undefined)) as T;
