import { z } from 'zod';
import type { DefinitionKind } from '../core/store';
import { PublishBody } from '../core/definitions';
import { api, ifMatchRev, parseBody, readJson, requireRole } from './http';
import { apiPage, definitionSummary, pageInfo } from './catalog-page';
import { HttpError } from '../core/errors';
import { ConflictError, type DefinitionRecord } from '../core/store';
import type { App } from './app';
import { peopleNames } from './people';

/** A 409 (someone else saved first) also says, in `theirs`, what they saved, when and who (by name): the studio shows both versions. */
async function withTheirs(app: App, e: unknown): Promise<unknown> {
	const current = (e instanceof HttpError && e.status === 409 ? e.body?.current : e instanceof ConflictError ? e.current : undefined) as
		DefinitionRecord | undefined;
	if (!current?.versions) return e;
	const last = current.versions.at(-1);
	const by = current.draft?.updatedBy ?? last?.publishedBy;
	const names = await peopleNames(app, [by]);
	const theirs = {
		rev: current.rev,
		definition: current.draft?.definition ?? last?.definition,
		at: current.draft?.updatedAt ?? last?.publishedAt,
		by: by && names[by]
	};
	return new HttpError(409, (e as Error).message, undefined, { current, theirs });
}

/**
 * GET list (one page: `?page=&limit=&q=` → {items|bundles, total, page, limit, pages, next?}), GET one (?version=N), PUT draft,
 * POST publish — the same for items and bundles. PUT `?check=false` saves work in progress unchecked (limits and id only).
 */
export function definitionRoutes(kind: DefinitionKind, param: string) {
	return {
		list: api(
			async ({ app, event }) => {
				const { page, limit } = apiPage(event.url.searchParams);
				const found = (await app.catalog.fresh()).listPage(kind, event.url.searchParams.get('q') ?? '', page, limit);
				return { [`${kind}s`]: found.entries.map(definitionSummary), ...pageInfo(found.total, page, limit) };
			},
			{ auth: false }
		),
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
			// ?check=false: the studio's autosave of work in progress (fully checked at publish)
			const check = event.url.searchParams.get('check') !== 'false';
			try {
				const record = await app.defs.saveDraft(kind, (event.params as Record<string, string>)[param], body, actor!.id, rev, { check });
				return { id: record.id, rev: record.rev, draft: record.draft };
			} catch (e) {
				throw await withTheirs(app, e);
			}
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
