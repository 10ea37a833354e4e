// A Map bounded to `max` entries that forgets the least recently used one first (Map keeps insertion order).
export class Lru<K, V> {
	private readonly map = new Map<K, V>();
	/** the most recently used key: reading it again needs no reordering */
	private newest: K | undefined;
	constructor(readonly max: number) {}

	get size() {
		return this.map.size;
	}

	/** The value, now the most recently used. */
	get(key: K): V | undefined {
		const v = this.map.get(key);
		if (v !== undefined && key !== this.newest) {
			this.newest = key;
			this.map.delete(key);
			this.map.set(key, v);
		}
		return v;
	}

	set(key: K, value: V): this {
		this.map.delete(key);
		if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value!);
		this.map.set(key, value);
		this.newest = key;
		return this;
	}

	clear() {
		this.map.clear();
		this.newest = undefined;
	}
}
