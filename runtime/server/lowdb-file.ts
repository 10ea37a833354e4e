// The lowdb store's file, kept recoverable: each write goes to a temporary file that is flushed to disk and renamed over
// store.json, and the version it replaces stays as store.json.bak (a hard link, so no copy). At start a damaged store.json
// refuses to start with what is wrong and how to restore the backup, or, with STORE_RESTORE_BACKUP=1, moves it aside as
// store.json.damaged-<time> and puts the backup in its place. Nothing is ever deleted.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { copyFile, link, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

/** The store file cannot be used as it is; the message says which file, what is wrong and what to do. */
export class StoreFileError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'StoreFileError';
	}
}

type Parsed = { data: Record<string, unknown> } | { problem: string };

function parse(file: string): Parsed {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (e) {
		return { problem: `无法读取（${(e as Error).message}）` };
	}
	if (!text.trim()) return { problem: `文件为空（${statSync(file).size} 字节），可能在写入时被截断` };
	try {
		const data = JSON.parse(text);
		if (!data || typeof data !== 'object' || Array.isArray(data)) return { problem: '内容不是一个 JSON 对象' };
		return { data };
	} catch (e) {
		return { problem: `不是完整的 JSON（${text.length} 个字符，${(e as Error).message}），可能被截断或损坏` };
	}
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');
const summary = (data: Record<string, unknown>) => {
	const cases = data.cases && typeof data.cases === 'object' ? Object.keys(data.cases).length : 0;
	return `${cases} 个办件`;
};

/** A lowdb adapter for one JSON file that survives a crash or a damaged file without losing the last good version. */
export class DurableJSONFile<T> implements Adapter<T> {
	readonly backup: string;
	private readonly temp: string;

	constructor(
		readonly file: string,
		private opts: { restoreFromBackup?: boolean; log?: (message: string) => void } = {}
	) {
		this.backup = `${file}.bak`;
		this.temp = join(dirname(file), `.${basename(file)}.tmp`);
	}

	async read(): Promise<T | null> {
		const { file, backup } = this;
		const hasBackup = existsSync(backup);
		if (!existsSync(file)) {
			if (!hasBackup) return null; // a new store
			throw new StoreFileError(
				`数据文件 ${file} 不存在，但有备份 ${backup}。为免丢失数据，服务未启动。若要用备份恢复：cp '${backup}' '${file}'；若确要从空库开始，请先移走备份文件。`
			);
		}
		const current = parse(file);
		if ('data' in current) return current.data as T;
		const previous = hasBackup ? parse(backup) : undefined;
		if (!previous || !('data' in previous))
			throw new StoreFileError(
				`数据文件 ${file} 已损坏：${current.problem}。${previous ? `备份 ${backup} 也无法使用：${previous.problem}。` : `没有备份文件 ${backup}。`}服务未启动；请从其他备份（如数据目录的副本）恢复该文件。`
			);
		const aside = `${file}.damaged-${stamp()}`;
		if (!this.opts.restoreFromBackup)
			throw new StoreFileError(
				`数据文件 ${file} 已损坏：${current.problem}。上一个完好版本 ${backup} 可用（${summary(previous.data)}，缺少其后的最后一次写入）。` +
					`服务未启动。恢复方法：停止服务后执行 mv '${file}' '${aside}' && cp '${backup}' '${file}'，再启动；或设置 STORE_RESTORE_BACKUP=1 启动，由服务自动完成同样的操作（损坏的文件会保留）。`
			);
		await rename(file, aside);
		await copyFile(backup, file);
		(this.opts.log ?? console.warn)(`数据文件 ${file} 已损坏（${current.problem}），已移至 ${aside}，并用备份 ${backup} 恢复（${summary(previous.data)}）。`);
		return previous.data as T;
	}

	async write(data: T): Promise<void> {
		const text = JSON.stringify(data);
		// the new version reaches the disk before it replaces anything
		const fh = await open(this.temp, 'w');
		try {
			await fh.writeFile(text, 'utf8');
			await fh.sync();
		} finally {
			await fh.close();
		}
		// the version being replaced (complete: it was read or written this way) becomes the backup, while store.json stays in place
		if (existsSync(this.file)) {
			const next = `${this.backup}.tmp`;
			await rm(next, { force: true });
			await link(this.file, next).catch(() => copyFile(this.file, next));
			await rename(next, this.backup);
		}
		await rename(this.temp, this.file);
		await syncDir(dirname(this.file));
	}
}

/** Makes the renames durable (the directory entry); not every platform can open a directory. */
async function syncDir(dir: string) {
	try {
		const fh = await open(dir, 'r');
		try {
			await fh.sync();
		} finally {
			await fh.close();
		}
	} catch {
		/* best effort */
	}
}
