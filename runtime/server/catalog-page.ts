// Pages of the catalog: the API's item and bundle lists and the portal's home page send one page of rows each.
import { badRequest } from '../core/errors';
import type { IndexEntry } from '../core/catalog/index';
import type { DefinitionSummary } from '../core/definitions';

export const CATALOG_PAGE_SIZE = 50;
export const CATALOG_MAX_PAGE_SIZE = 100;

export interface PageInfo {
	total: number;
	page: number;
	limit: number;
	pages: number;
	/** the next page's number; absent on the last page */
	next?: number;
}

export function pageInfo(total: number, page: number, limit: number): PageInfo {
	const pages = Math.max(1, Math.ceil(total / limit));
	return { total, page, limit, pages, ...(page < pages ? { next: page + 1 } : {}) };
}

/** `?page=` (from 1) and `?limit=` (1–100, default 50) of an API list; a wrong value is refused naming the parameter. */
export function apiPage(q: URLSearchParams): { page: number; limit: number } {
	const int = (name: string, fallback: number, max: number, message: string) => {
		const raw = q.get(name);
		if (raw === null || raw === '') return fallback;
		const n = Number(raw);
		if (!Number.isInteger(n) || n < 1 || n > max) throw badRequest(name, message);
		return n;
	};
	return {
		page: int('page', 1, Number.MAX_SAFE_INTEGER, `page 应为从 1 开始的整数，收到「${q.get('page')}」`),
		limit: int('limit', CATALOG_PAGE_SIZE, CATALOG_MAX_PAGE_SIZE, `limit 应为 1 到 ${CATALOG_MAX_PAGE_SIZE} 的整数，收到「${q.get('limit')}」`)
	};
}

/** The portal's `?page=`: anything that is not a page number shows the first page (the index shows the last for one past the end). */
export function portalPage(raw: string | null): number {
	const n = Math.floor(Number(raw));
	return Number.isFinite(n) && n >= 1 ? n : 1;
}

/** An index entry as the API lists it (the draft's status; name and department of the latest published version). */
export function definitionSummary(e: IndexEntry): DefinitionSummary {
	const s = e.summary;
	return {
		kind: e.kind,
		id: e.id,
		name: s.name,
		department: (s.kind === 'item' ? s.department : s.leadDepartment) || undefined,
		status: e.version === undefined ? 'draft' : e.draft ? 'changed' : 'published',
		latestVersion: e.version,
		rev: e.rev
	};
}
