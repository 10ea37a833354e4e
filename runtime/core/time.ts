/** The time source. Production uses the wall clock; tests move a shifted one forward. */
export interface TimeSource {
	now(): Date;
}

export const systemTime: TimeSource = { now: () => new Date() };

export class ShiftedTime implements TimeSource {
	constructor(
		public offsetMs = 0,
		private base: () => number = Date.now
	) {}
	now() {
		return new Date(this.base() + this.offsetMs);
	}
	advance(ms: number) {
		this.offsetMs += ms;
	}
	/** Takes an offset another process moved to (shared through the store); the test clock never goes back. */
	catchUp(offsetMs: number | undefined) {
		if (offsetMs !== undefined && offsetMs > this.offsetMs) this.offsetMs = offsetMs;
	}
}
