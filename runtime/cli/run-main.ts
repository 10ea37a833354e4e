import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Runs a CLI's `main` when its module is the one node was started with (not when a test imports it): exits with what
 * main returns, or prints `prefix` and the error and exits with `failureCode`.
 */
export function runMain(moduleUrl: string, main: (argv: string[]) => Promise<number>, prefix: string, failureCode = 2) {
	if (!process.argv[1] || moduleUrl !== pathToFileURL(resolve(process.argv[1])).href) return;
	main(process.argv.slice(2)).then(
		(code) => process.exit(code),
		(e) => {
			console.error(`${prefix}${e instanceof Error ? e.message : String(e)}`);
			process.exit(failureCode);
		}
	);
}
