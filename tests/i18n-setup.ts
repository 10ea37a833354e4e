// vitest runs without Paraglide's Vite plugin (its inlang SDK keeps the process alive): the messages compiled by
// `npm run i18n` (or the last build) are used; a fresh clone gets them compiled here once.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default function setup() {
	if (!existsSync('runtime/paraglide/messages.js')) execFileSync('npx', ['tsx', 'runtime/cli/i18n-compile.ts'], { stdio: 'inherit' });
}
