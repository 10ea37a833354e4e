// Save a definition as a draft and publish it, for the item editor and the bundle composer alike.
type Message = { kind: 'ok' | 'error'; text: string; errors?: { path: string; message: string }[] };

export class Publisher {
	rev = $state<number | undefined>();
	status = $state('new');
	saving = $state(false);
	message = $state<Message | undefined>();

	constructor(
		private kind: 'item' | 'bundle',
		private id: string,
		start: { rev?: number; status: string },
		private onSaved: () => void = () => {}
	) {
		this.rev = start.rev;
		this.status = start.status;
	}

	/** PUT the draft (optimistic on rev); a refusal becomes the message, prefixed by `refusal`. */
	async save(definition: unknown, refusal = ''): Promise<boolean> {
		this.saving = true;
		this.message = undefined;
		try {
			const r = await fetch(`/api/${this.kind}s/${this.id}`, {
				method: 'PUT',
				headers: { 'content-type': 'application/json', ...(this.rev !== undefined ? { 'if-match': String(this.rev) } : {}) },
				body: JSON.stringify(definition)
			});
			const body = await r.json();
			if (!r.ok) {
				this.message = { kind: 'error', text: `${refusal}${body.message}`, errors: body.errors };
				return false;
			}
			this.rev = body.rev;
			this.status = this.status === 'published' || this.status === 'changed' ? 'changed' : 'draft';
			this.message = { kind: 'ok', text: '草稿已保存' };
			this.onSaved();
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
