import { z } from 'zod';
import type { DefinitionKind } from '../core/store';
import { PublishBody } from '../core/definitions';
import { api, ifMatchRev, parseBody, readJson, requireRole } from './http';

/** GET list, GET one (?version=N), PUT draft, POST publish — the same for items and bundles. */
export function definitionRoutes(kind: DefinitionKind, param: string) {
	return {
		list: api(async ({ app }) => ({ [`${kind}s`]: await app.defs.list(kind) }), { auth: false }),
		get: api(
			async ({ app, event, actor }) => {
				const id = (event.params as Record<string, string>)[param];
				const v = event.url.searchParams.get('version');
				const version = v === null ? undefined : parseBody(z.coerce.number().int().positive('版本号须为正整数'), v);
				const record = await app.defs.record(kind, id);
				const isAdmin = actor?.roles.includes('admin');
				if (!record.versions.length && !isAdmin) return app.defs.published(kind, id);
				const published = record.versions.length ? await app.defs.published(kind, record.id, version) : undefined;
				return {
					...published,
					versions: record.versions.map(({ definition: _d, ...v }) => v),
					rev: record.rev,
					...(isAdmin && record.draft ? { draft: record.draft } : {})
				};
			},
			{ auth: false }
		),
		put: api(async ({ app, event, actor }) => {
			requireRole(actor, 'admin');
			const rev = ifMatchRev(event.request);
			const body = await readJson(event.request);
			const record = await app.defs.saveDraft(kind, (event.params as Record<string, string>)[param], body, actor!.id, rev);
			return { id: record.id, rev: record.rev, draft: record.draft };
		}),
		publish: api(async ({ app, event, actor }) => {
			requireRole(actor, 'admin');
			const { note } = parseBody(PublishBody, await readJson(event.request));
			const record = await app.defs.publish(kind, (event.params as Record<string, string>)[param], note, actor!.id);
			const v = record.versions.at(-1)!;
			return { id: record.id, rev: record.rev, version: v.version, hash: v.hash, publishedAt: v.publishedAt };
		})
	};
}
