// Runs definition checks in one worker thread, one at a time, each within a time limit: other requests are served meanwhile,
// and a check that runs too long is stopped (the worker is replaced) and answered 422.
import { Worker } from 'node:worker_threads';
import type { CheckJob, CheckResult, DefinitionChecker, Problem } from '../core/definition-check';
import { HttpError } from '../core/errors';

/** Default time limit of one check; `DEFINITION_CHECK_TIMEOUT_MS` overrides it. */
export const CHECK_TIMEOUT_MS = 10_000;

interface Pending {
	job: CheckJob;
	resolve: (r: CheckResult) => void;
	reject: (e: unknown) => void;
}

export function workerChecker(timeoutMs = Number(process.env.DEFINITION_CHECK_TIMEOUT_MS) || CHECK_TIMEOUT_MS): DefinitionChecker & { close(): Promise<void> } {
	let worker: Worker | undefined;
	let running: (Pending & { id: number; timer: NodeJS.Timeout }) | undefined;
	const queue: Pending[] = [];
	let nextId = 0;

	async function start(): Promise<Worker> {
		const { WORKER_URL, WORKER_ROLE } = await import('./check-worker');
		const opts = { workerData: { role: WORKER_ROLE } };
		// from the sources (tests) the worker loads TypeScript through tsx; the built app loads its own chunk
		const w = WORKER_URL.endsWith('.ts')
			? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL)}); })`, { ...opts, eval: true })
			: new Worker(new URL(WORKER_URL), opts);
		w.unref();
		w.on('message', (m: { id: number; result?: CheckResult; refused?: { status: number; message: string; errors?: Problem[] }; error?: string }) => {
			if (!running || m.id !== running.id) return;
			const r = running;
			settle();
			if (m.result) r.resolve(m.result);
			else if (m.refused) r.reject(new HttpError(m.refused.status, m.refused.message, m.refused.errors));
			else r.reject(new Error(`定义检查出错：${m.error}`));
		});
		w.on('error', (e) => fail(w, e));
		w.on('exit', () => fail(w, new Error('定义检查进程意外退出')));
		return w;
	}
	function fail(w: Worker, e: unknown) {
		if (worker !== w) return;
		worker = undefined;
		const r = running;
		settle();
		r?.reject(e);
	}
	function settle() {
		if (running) clearTimeout(running.timer);
		running = undefined;
		queueMicrotask(pump);
	}
	async function pump() {
		if (running || !queue.length) return;
		const p = queue.shift()!;
		const id = ++nextId;
		const timer = setTimeout(() => {
			// the check is stopped with its worker; the next job starts a fresh one
			const w = worker;
			worker = undefined;
			settle();
			void w?.terminate();
			const seconds = timeoutMs / 1000;
			const message = `定义检查超时：超过 ${seconds} 秒仍未完成，请精简流程、表单或成员后重试`;
			p.reject(new HttpError(422, message, [{ path: '(根)', message }]));
		}, timeoutMs);
		running = { ...p, id, timer };
		try {
			worker ??= await start();
			if (running?.id === id) worker.postMessage({ id, job: p.job });
		} catch (e) {
			if (running?.id === id) {
				settle();
				p.reject(e);
			}
		}
	}
	const check = (job: CheckJob) =>
		new Promise<CheckResult>((resolve, reject) => {
			queue.push({ job, resolve, reject });
			void pump();
		});
	return Object.assign(check, {
		async close() {
			const w = worker;
			worker = undefined;
			await w?.terminate();
		}
	});
}
