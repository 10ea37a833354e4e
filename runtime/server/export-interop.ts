// Exports other tools read: the form for @rjsf/core (JSON Schema + uiSchema) and the workflow for xstate's createMachine.
// Like the definition export, they take the draft when there is one, else the latest published version (members too).
import { strToU8 } from 'fflate';
import { Bundle, Item } from '../core/model';
import { migrateDefinition } from '../core/model/migrations';
import { HttpError } from '../core/errors';
import { rjsfForm, type ExportSource } from '../core/export/rjsf';
import { exportWorkflow } from '../core/workflow/interop';
import type { App } from './app';
import type { Export } from './export';

export const INTEROP_FORMATS = ['rjsf', 'xstate'] as const;
export type InteropFormat = (typeof INTEROP_FORMATS)[number];

const LABEL = { item: '事项', bundle: '一件事' } as const;

/** The current definition (draft, else latest version) in the current model; a clear 422 naming the first bad place. */
async function current<K extends 'item' | 'bundle'>(app: App, kind: K, id: string): Promise<K extends 'item' ? Item : Bundle> {
	const r = await app.defs.record(kind, id);
	const def = r.draft?.definition ?? r.versions.at(-1)?.definition;
	if (!def) throw new HttpError(404, `${LABEL[kind]}「${id}」没有可导出的定义`);
	const parsed = (kind === 'item' ? Item : Bundle).safeParse(migrateDefinition(kind, def));
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const path = issue.path.join('.') || '（根）';
		throw new HttpError(422, `${LABEL[kind]}「${id}」的定义有误，无法导出：${path}：${issue.message}`, [{ path, message: issue.message }]);
	}
	return parsed.data as K extends 'item' ? Item : Bundle;
}

async function sourceOf(app: App, kind: 'item' | 'bundle', id: string): Promise<ExportSource> {
	if (kind === 'item') return { kind, item: await current(app, 'item', id) };
	const bundle = await current(app, 'bundle', id);
	return { kind, bundle, items: await Promise.all(bundle.members.map((m) => current(app, 'item', m.item))) };
}

export async function exportInterop(app: App, kind: 'item' | 'bundle', id: string, format: InteropFormat): Promise<Export> {
	const source = await sourceOf(app, kind, id);
	const body =
		format === 'rjsf'
			? {
					$comment:
						'@rjsf/core + @rjsf/validator-ajv8: <Form schema={schema} uiSchema={uiSchema} validator={validator} />. Situation answers are the object under situationsKey.',
					...rjsfForm(source)
				}
			: exportWorkflow(source);
	return { fileName: `${id}.${format}.json`, type: 'application/json; charset=utf-8', body: strToU8(JSON.stringify(body, null, '\t') + '\n') };
}
