// Paged lists over HTTP: `?limit=` and `?cursor=` of the API, and the pager of the pages (links that work without JavaScript).
import { badRequest } from '../core/errors';
import type { Page } from '../core/store';
import { decodeCursor, encodeCursor } from './store-common';

/** A paged endpoint's default page and the largest a caller may ask for. */
export const PAGE_LIMIT = 50;
export const PAGE_MAX_LIMIT = 200;

/** `?limit=`: absent → `fallback`; otherwise an integer from 1 to `max`, or a 400 naming `limit`. */
export function limitParam(q: URLSearchParams, fallback = PAGE_LIMIT, max = PAGE_MAX_LIMIT): number {
	const raw = q.get('limit');
	if (raw === null || raw === '') return fallback;
	const limit = Number(raw);
	if (!Number.isInteger(limit) || limit < 1 || limit > max) throw badRequest('limit', `每页条数 limit 应为 1 到 ${max} 的整数（收到「${raw.slice(0, 20)}」）`);
	return limit;
}

/** A store read with a cursor from the caller: a cursor the store cannot read is a 400 naming the parameter. */
export async function withCursor<T>(read: () => Promise<T>, param = 'cursor'): Promise<T> {
	try {
		return await read();
	} catch (e) {
		if (e instanceof Error && e.message === 'invalid cursor') throw badRequest(param, `翻页参数 ${param} 无效，请从第一页开始`);
		throw e;
	}
}

/** One page of a short list already in memory (at most the store's bound), its cursor an offset. */
export function pageOfList<T>(all: T[], limit: number, cursor?: string): Page<T> {
	let from = 0;
	if (cursor) {
		const [offset] = decodeCursor(cursor, 1);
		if (!Number.isInteger(offset) || (offset as number) < 0) throw new Error('invalid cursor');
		from = offset as number;
	}
	const rows = all.slice(from, from + limit);
	return from + limit < all.length ? { rows, next: encodeCursor([from + limit]) } : { rows };
}

/** The query parameters of one pager on a page (a page with two lists names the second's apart). */
export interface PagerKeys {
	cursor: string;
	back: string;
}
const KEYS: PagerKeys = { cursor: 'cursor', back: 'back' };
const CURSOR = /^[A-Za-z0-9_-]{1,400}$/;

/**
 * What a page's pager shows: the cursor of this page, those of the pages before it (`back`, oldest first: keyset pages
 * cannot be walked backwards, so the links carry the trail), the next page's cursor, and the total when known.
 */
export interface Pager {
	keys: PagerKeys;
	cursor?: string;
	back: string[];
	next?: string;
	total?: number;
	size: number;
}

/** The cursor this page was asked for (the store checks it). */
export const cursorOf = (q: URLSearchParams, keys: PagerKeys = KEYS) => q.get(keys.cursor) || undefined;

export function pagerOf(q: URLSearchParams, page: { next?: string }, size: number, total?: number, keys: PagerKeys = KEYS): Pager {
	const cursor = cursorOf(q, keys);
	const back = cursor ? (q.get(keys.back) ?? '').split('.').filter((c) => CURSOR.test(c)) : [];
	return { keys, cursor, back, next: page.next, total, size };
}
