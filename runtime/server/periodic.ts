/**
 * Runs `work` now and every `everyMs`, never two runs at once in this process; a failure is logged under `label` and the
 * next run goes on. Returns a stop function. The timer does not keep the process alive.
 */
export function startPeriodic(work: () => Promise<unknown>, everyMs: number, label: string): () => void {
	let running = false;
	const run = async () => {
		if (running) return;
		running = true;
		try {
			await work();
		} catch (e) {
			console.error(`${label}：`, e);
		} finally {
			running = false;
		}
	};
	void run();
	const timer = setInterval(run, everyMs);
	timer.unref();
	return () => clearInterval(timer);
}
