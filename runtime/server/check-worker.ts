// Worker side of the definition checks (check-pool.ts). Imported only dynamically, so it stays its own chunk of the build
// and a worker thread can load it by its URL.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runCheck, type CheckJob } from '../core/definition-check';
import { HttpError } from '../core/errors';

export const WORKER_URL = import.meta.url;
export const WORKER_ROLE = 'definition-check';

if (!isMainThread && workerData?.role === WORKER_ROLE)
	parentPort!.on('message', ({ id, job }: { id: number; job: CheckJob }) => {
		try {
			parentPort!.postMessage({ id, result: runCheck(job) });
		} catch (e) {
			// a refusal (4xx) keeps its status and problems; anything else is a fault of the check
			if (e instanceof HttpError && e.status < 500) parentPort!.postMessage({ id, refused: { status: e.status, message: e.message, errors: e.errors } });
			else parentPort!.postMessage({ id, error: (e as Error)?.stack ?? String(e) });
		}
	});
