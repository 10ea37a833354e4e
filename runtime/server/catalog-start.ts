// The catalog at start-up, in two steps around opening the store: check the folder (only what changed since the last start
// that passed), then load the index (from the cache while the store's stamp matches), seed what the store lacks in one
// unit of work, and save the cache for the next start.
import { applicantNameFields, identifierNames } from '../core/catalog/index';
import { LiveCatalog } from '../core/catalog/live';
import type { DefinitionService } from '../core/definitions';
import type { Bundle, Item } from '../core/model';
import type { Store } from '../core/store';
import { writeCatalogCache, type CatalogCache } from './catalog-cache';
import { checkCatalogDir, type CheckedCatalog } from './catalog-files';
import { PiiFields } from './pii-records';

export interface PreparedCatalog {
	files: CheckedCatalog;
	cache: CatalogCache;
	/** identifier fields of the catalog as far as known before the store opens (the cached index and the files parsed now) */
	pii: PiiFields;
}

/**
 * Checks the catalog folder; refuses a catalog with errors, naming up to 20 of them. The identifier fields it learns (the
 * saved index's, the files parsed now) go into `pii`, which the store may already be using.
 */
export async function prepareCatalog(definitionsDir: string, cache: CatalogCache, pii: PiiFields): Promise<PreparedCatalog> {
	const { catalog: files, issues } = await checkCatalogDir(definitionsDir, cache.files);
	const errors = issues.filter((i) => i.severity === 'error');
	if (!files || errors.length)
		throw new Error(
			`目录 ${definitionsDir} 有 ${errors.length} 个错误：\n${errors
				.slice(0, 20)
				.map((e) => `${e.file} ${e.path}: ${e.message}`)
				.join('\n')}`
		);
	const fromFiles = PiiFields.fromCatalog(files);
	pii.add(fromFiles.names);
	pii.addApplicantNames(fromFiles.applicantNames);
	if (cache.catalog) {
		pii.add(identifierNames(cache.catalog.entries, files.dictionaries));
		pii.addApplicantNames(applicantNameFields(cache.catalog.entries));
	}
	return { files, cache, pii };
}

/**
 * Loads the catalog index, publishes the catalog definitions the store does not have (as version 1), and saves what the
 * next start can reuse. `defs` is made with the live catalog, so every later write keeps the index current.
 */
export async function openCatalog(
	prepared: PreparedCatalog,
	store: Store,
	dataDir: string,
	makeDefs: (catalog: LiveCatalog) => DefinitionService
): Promise<{ catalog: LiveCatalog; defs: DefinitionService; seeded: number }> {
	const { files, cache, pii } = prepared;
	// the saved index's identifier fields are in pii already (prepareCatalog)
	const catalog = new LiveCatalog(store, files.dictionaries, {
		onLoad: (index, asSaved) => {
			if (asSaved) return;
			pii.add(index.identifierNames());
			pii.addApplicantNames(index.applicantNameFields());
		}
	});
	await catalog.load(cache.catalog);
	const defs = makeDefs(catalog);
	const missing = { items: new Map<string, Item>(), bundles: new Map<string, Bundle>() };
	for (const id of files.ids.item) if (!catalog.current.get('item', id)) missing.items.set(id, files.load('item', id) as Item);
	for (const id of files.ids.bundle) if (!catalog.current.get('bundle', id)) missing.bundles.set(id, files.load('bundle', id) as Bundle);
	const seeded = missing.items.size + missing.bundles.size ? await defs.seed(missing) : 0;
	if (seeded) await catalog.fresh();
	const snapshot = catalog.snapshot();
	if (files.dirty || snapshot.stamp !== cache.catalog?.stamp) await writeCatalogCache(dataDir, { files: files.manifest, catalog: snapshot });
	return { catalog, defs, seeded };
}
