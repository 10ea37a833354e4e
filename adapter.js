// adapter-node with its precompression on (a .br and a .gz beside each static asset, which its sirv serves by the
// request's Accept-Encoding, with Vary), at levels that keep the build quick: brotli 11 takes ~20 s on the studio's
// multi-megabyte editor bundles (monaco, its TypeScript worker), so files above BIG_FILE get a lower brotli quality.
import nodeAdapter from '@sveltejs/adapter-node';
import { createReadStream, createWriteStream, existsSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

/** The types SvelteKit's own builder.compress() precompresses. */
const EXTENSIONS = new Set(['.html', '.js', '.mjs', '.json', '.css', '.svg', '.xml', '.wasm', '.txt', '.md', '.mdx']);
const BIG_FILE = 1024 * 1024;
const BROTLI_BIG_QUALITY = 6;

function compressor(format, size) {
	if (format === 'gz') return zlib.createGzip({ level: zlib.constants.Z_BEST_COMPRESSION });
	return zlib.createBrotliCompress({
		params: {
			[zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
			[zlib.constants.BROTLI_PARAM_QUALITY]: size > BIG_FILE ? BROTLI_BIG_QUALITY : zlib.constants.BROTLI_MAX_QUALITY,
			[zlib.constants.BROTLI_PARAM_SIZE_HINT]: size
		}
	});
}

async function write(file, format, size) {
	const out = `${file}.${format}`;
	await pipeline(createReadStream(file), compressor(format, size), createWriteStream(out));
	// a tiny file can come out larger: then sirv serves the next variant, or the file itself
	if (statSync(out).size >= size) unlinkSync(out);
}

/** Writes file.br and file.gz beside every compressible file under `directory` (each only where it is smaller). */
export async function precompress(directory) {
	if (!existsSync(directory)) return;
	const files = readdirSync(directory, { recursive: true, withFileTypes: true })
		.filter((f) => f.isFile() && EXTENSIONS.has(extname(f.name)))
		.map((f) => join(f.parentPath ?? f.path, f.name));
	await Promise.all(
		files.flatMap((file) => {
			const size = statSync(file).size;
			return ['gz', 'br'].map((format) => write(file, format, size));
		})
	);
}

/** @param {Parameters<typeof nodeAdapter>[0]} [opts] @returns {import('@sveltejs/kit').Adapter} */
export default function adapter(opts = {}) {
	const base = nodeAdapter({ ...opts, precompress: true });
	return { ...base, adapt: (builder) => base.adapt({ ...builder, compress: precompress }) };
}
