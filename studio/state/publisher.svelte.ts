// Save a definition as a draft and publish it, for the item editor and the bundle composer alike. Edits are saved as they are
// made (debounced, unchecked work in progress, optimistic on rev); 保存草稿 saves with the full check; someone else's save
// first is a conflict the administrator settles by choosing their version or theirs.
type Message = { kind: 'ok' | 'error'; text: string; errors?: { path: string; message: string; label?: string }[] };
export type SaveState = 'saved' | 'unsaved' | 'saving' | 'conflict' | 'failed';
export interface Theirs {
	rev: number;
	definition: unknown;
	at?: string;
	by?: string;
}

export const SAVE_STATE_LABEL: Record<SaveState, string> = {
	saved: '已保存',
	unsaved: '未保存',
	saving: '保存中…',
	conflict: '他人已修改，请选择版本',
	failed: '保存失败'
};

export class Publisher {
	rev = $state<number | undefined>();
	status = $state('new');
	saving = $state(false);
	message = $state<Message | undefined>();
	/** the autosave: whether what is on screen is on the server */
	saveState = $state<SaveState>('saved');
	/** why the last autosave failed */
	saveError = $state<string | undefined>();
	/** what someone else saved first */
	theirs = $state<Theirs | undefined>();
	/** what was on screen when the conflict was found */
	mine = $state<unknown>();

	private timer: ReturnType<typeof setTimeout> | undefined;
	private pending: unknown;
	private inflight: Promise<boolean> | undefined;
	private lastSaved: string;

	constructor(
		private kind: 'item' | 'bundle',
		private id: string,
		start: { rev?: number; status: string; definition?: unknown },
		private onSaved: () => void = () => {},
		private delay = 1200
	) {
		this.rev = start.rev;
		this.status = start.status;
		this.lastSaved = start.status === 'new' ? '' : JSON.stringify(start.definition);
	}

	/** An edit: saved after a pause in editing. */
	edited(definition: unknown) {
		clearTimeout(this.timer);
		if (this.saveState === 'conflict') {
			this.mine = definition;
			return;
		}
		if (JSON.stringify(definition) === this.lastSaved) {
			this.pending = undefined;
			if (this.saveState !== 'saving') this.saveState = 'saved';
			return;
		}
		this.pending = definition;
		if (this.saveState !== 'saving') this.saveState = 'unsaved';
		this.timer = setTimeout(() => void this.flush(), this.delay);
	}

	/** Saves the pending edit now (leaving the page); true when everything on screen is on the server. */
	async flush(keepalive = false): Promise<boolean> {
		clearTimeout(this.timer);
		while (this.inflight) await this.inflight;
		if (this.saveState === 'conflict') return false;
		if (this.pending === undefined) return this.saveState === 'saved';
		const definition = this.pending;
		this.pending = undefined;
		this.inflight = this.put(definition, false, keepalive).then((r) => r.ok);
		try {
			return (await this.inflight) && this.pending === undefined;
		} finally {
			this.inflight = undefined;
		}
	}

	private async put(definition: unknown, check: boolean, keepalive = false): Promise<{ ok: true } | { ok: false; status: number; body: any }> {
		this.saveState = 'saving';
		let r: Response;
		let body: any;
		try {
			r = await fetch(`/api/${this.kind}s/${this.id}${check ? '' : '?check=false'}`, {
				method: 'PUT',
				keepalive,
				headers: { 'content-type': 'application/json', ...(this.rev !== undefined ? { 'if-match': String(this.rev) } : {}) },
				body: JSON.stringify(definition)
			});
			body = await r.json().catch(() => ({ message: `服务器返回 ${r.status}` }));
		} catch (e) {
			this.failed(definition, `网络错误：${(e as Error).message}`);
			return { ok: false, status: 0, body: { message: '网络错误' } };
		}
		if (r.status === 409 && body.theirs) {
			this.theirs = body.theirs;
			this.mine = this.pending ?? definition;
			this.pending = undefined;
			this.saveState = 'conflict';
			return { ok: false, status: 409, body };
		}
		if (!r.ok) {
			this.failed(definition, `${body.message}${body.errors?.[0] ? `（${body.errors[0].label ?? body.errors[0].path}：${body.errors[0].message}）` : ''}`);
			return { ok: false, status: r.status, body };
		}
		this.rev = body.rev;
		this.lastSaved = JSON.stringify(definition);
		this.saveError = undefined;
		this.status = this.status === 'published' || this.status === 'changed' ? 'changed' : 'draft';
		this.onSaved();
		if (this.pending !== undefined && JSON.stringify(this.pending) !== this.lastSaved) {
			this.saveState = 'unsaved';
			this.timer = setTimeout(() => void this.flush(), this.delay);
		} else {
			this.pending = undefined;
			this.saveState = 'saved';
		}
		return { ok: true };
	}

	private failed(definition: unknown, why: string) {
		this.saveError = why;
		this.saveState = 'failed';
		this.pending ??= definition;
	}

	/** Keeps what is on screen: saved over their version. */
	async keepMine(): Promise<boolean> {
		if (!this.theirs) return true;
		this.rev = this.theirs.rev;
		this.pending = this.mine;
		this.theirs = undefined;
		this.saveState = 'unsaved';
		return this.flush();
	}

	/** Takes their version: the caller puts it on screen. */
	takeTheirs(): unknown {
		const t = this.theirs;
		if (!t) return undefined;
		this.rev = t.rev;
		this.lastSaved = JSON.stringify(t.definition);
		this.theirs = undefined;
		this.mine = undefined;
		this.pending = undefined;
		this.saveState = 'saved';
		return t.definition;
	}

	/** PUT the draft with the full check (保存草稿); a refusal becomes the message, prefixed by `refusal`, and the work is kept by the autosave. */
	async save(definition: unknown, refusal = ''): Promise<boolean> {
		clearTimeout(this.timer);
		while (this.inflight) await this.inflight;
		this.saving = true;
		this.message = undefined;
		this.pending = undefined;
		try {
			const r = await this.put(definition, true);
			if (!r.ok) {
				if (r.status !== 409) {
					// refused by the check: kept as work in progress all the same
					this.saveState = 'unsaved';
					this.saveError = undefined;
					this.pending = definition;
					this.timer = setTimeout(() => void this.flush(), this.delay);
				}
				this.message = { kind: 'error', text: `${refusal}${r.body.message}`, errors: r.body.errors };
				return false;
			}
			this.message = { kind: 'ok', text: '草稿已保存' };
			return true;
		} finally {
			this.saving = false;
		}
	}

	/** Saves, then publishes an immutable version with the change note. */
	async publish(definition: unknown, note: string): Promise<boolean> {
		if (!(await this.save(definition, '发布被拒绝：'))) return false;
		this.saving = true;
		try {
			const r = await fetch(`/api/${this.kind}s/${this.id}/publish`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ note })
			});
			const body = await r.json();
			if (!r.ok) {
				this.message = { kind: 'error', text: `发布被拒绝：${body.message}`, errors: body.errors };
				return false;
			}
			this.rev = body.rev;
			this.status = 'published';
			this.message = { kind: 'ok', text: `已发布 v${body.version}，群众端立即生效` };
			return true;
		} finally {
			this.saving = false;
		}
	}
}
