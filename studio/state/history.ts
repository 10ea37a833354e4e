/** Undo/redo over immutable snapshots of the definition being edited. */
export class History<T> {
	private past: T[] = [];
	private future: T[] = [];
	constructor(
		public present: T,
		private limit = 200
	) {}
	apply(next: T): T {
		if (JSON.stringify(next) === JSON.stringify(this.present)) return this.present;
		this.past.push(this.present);
		if (this.past.length > this.limit) this.past.shift();
		this.present = next;
		this.future = [];
		return next;
	}
	undo(): T {
		const prev = this.past.pop();
		if (prev !== undefined) {
			this.future.push(this.present);
			this.present = prev;
		}
		return this.present;
	}
	redo(): T {
		const next = this.future.pop();
		if (next !== undefined) {
			this.past.push(this.present);
			this.present = next;
		}
		return this.present;
	}
	get canUndo() {
		return this.past.length > 0;
	}
	get canRedo() {
		return this.future.length > 0;
	}
}
