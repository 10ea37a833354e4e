// Department API keys: a department's own system posts its decisions (`Authorization: ApiKey otk_…`), acting as that
// department's reviewer through the same workflow checks. Keys are shown once and stored as SHA-256 hashes in store.meta.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { forbidden, invalid, notFound } from '../core/errors';
import type { Actor, Store } from '../core/store';

export const API_KEYS_KEY = 'webhooks.apiKeys';
/** what a department system may do on its own branches */
export const SYSTEM_ROLES = ['reviewer', 'inspector', 'decider'];

export interface DepartmentApiKey {
	id: string;
	department: string;
	name: string;
	/** hex SHA-256 of the whole key */
	hash: string;
	createdAt: string;
	createdBy: string;
	revokedAt?: string;
}

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

export const listApiKeys = async (store: Store) => (await store.meta.get<DepartmentApiKey[]>(API_KEYS_KEY)) ?? [];

/** Creates a key for the department; returns the record and the key itself, which is never stored or shown again. */
export async function createApiKey(store: Store, departments: string[], department: string, name: string, by: string, at: string) {
	if (!departments.includes(department)) throw invalid('API 密钥设置不正确', [{ path: 'department', message: `部门「${department}」不存在` }]);
	const id = `k${randomUUID().replace(/-/g, '').slice(0, 10)}`;
	const key = `otk_${id}_${randomBytes(24).toString('base64url')}`;
	const record: DepartmentApiKey = { id, department, name: name.trim() || department, hash: hashOf(key), createdAt: at, createdBy: by };
	await store.meta.set(API_KEYS_KEY, [...(await listApiKeys(store)), record]);
	return { record, key };
}

export async function revokeApiKey(store: Store, id: string, at: string) {
	const keys = await listApiKeys(store);
	if (!keys.some((k) => k.id === id)) throw notFound(`API 密钥「${id}」`);
	await store.meta.set(
		API_KEYS_KEY,
		keys.map((k) => (k.id === id && !k.revokedAt ? { ...k, revokedAt: at } : k))
	);
}

/** The department system an `Authorization: ApiKey …` header names; 401 (as an HttpError 403 for a revoked key) otherwise. */
export async function apiKeyActor(store: Store, header: string | null): Promise<Actor | undefined> {
	const m = /^ApiKey\s+(otk_([a-z0-9]+)_[A-Za-z0-9_-]+)$/.exec(header?.trim() ?? '');
	if (!m) return undefined;
	const record = (await listApiKeys(store)).find((k) => k.id === m[2]);
	if (!record) return undefined;
	const a = Buffer.from(record.hash, 'hex');
	const b = Buffer.from(hashOf(m[1]), 'hex');
	if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
	if (record.revokedAt) throw forbidden('该 API 密钥已停用');
	return { id: `system:${record.department}:${record.id}`, name: `${record.name}（部门系统）`, roles: SYSTEM_ROLES, department: record.department };
}
