import { performance } from 'node:perf_hooks';

/** mean ms per call */
export async function timeAsync(n: number, fn: (i: number) => Promise<unknown>): Promise<number> {
	const t0 = performance.now();
	for (let i = 0; i < n; i++) await fn(i);
	return (performance.now() - t0) / n;
}

/** median ms per call over `runs` runs of `n` calls each (warm: call once first) */
export function medianMs(fn: (i: number) => unknown, n = 200, runs = 7): number {
	fn(0);
	const per: number[] = [];
	for (let r = 0; r < runs; r++) {
		const t0 = performance.now();
		for (let i = 0; i < n; i++) fn(i);
		per.push((performance.now() - t0) / n);
	}
	per.sort((a, b) => a - b);
	return per[Math.floor(per.length / 2)];
}
