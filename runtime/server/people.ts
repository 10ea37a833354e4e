// People's names for account ids (who published or saved a definition): the studio shows 系统管理员, not u-admin.
import type { App } from './app';

/** The names of the given account ids; the catalog's own seeding is 目录导入, an unknown account keeps its id. */
export async function peopleNames(app: App, ids: (string | undefined)[]): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const id of new Set(ids.filter((x): x is string => !!x))) {
		if (id === 'catalog') out[id] = '目录导入';
		else out[id] = (await app.store.accounts.get(id).catch(() => undefined))?.name ?? id;
	}
	return out;
}
