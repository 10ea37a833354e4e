// npm start: build when the sources are newer than the build, then serve (PORT, HOST, DATA_DIR; body limits: JSON_LIMIT, UPLOAD_LIMIT, FORM_LIMIT, the same as node build).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['runtime', 'studio', 'svelte.config.js', 'adapter.js', 'vite.config.ts', 'package.json'];

function newest(path) {
	if (!existsSync(path)) return 0;
	const s = statSync(path);
	if (!s.isDirectory()) return s.mtimeMs;
	return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

const built = existsSync('build/index.js') ? statSync('build/index.js').mtimeMs : 0;
if (built < Math.max(...SOURCES.map(newest))) {
	console.log('构建中 (vite build)…');
	const r = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
	if (r.status !== 0) process.exit(r.status ?? 1);
}
const env = { ...process.env, PORT: process.env.PORT ?? '3000', HOST: process.env.HOST ?? '0.0.0.0' };
const server = spawn(process.execPath, ['build/index.js'], { stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
