// The two drivers behind the one SQL adapter. Both expose the same `query(text, params)` shape, which is why the adapter is
// plain parameterised SQL and not Kysely: no extra dependency, no dialect plumbing, and every statement is readable as written.

export type Row = Record<string, unknown>;

export interface Queryable {
	/** one statement with $1… parameters */
	query<R extends Row = Row>(text: string, params?: unknown[]): Promise<{ rows: R[]; count: number }>;
	/** several statements, no parameters (migrations) */
	exec(text: string): Promise<void>;
}

export interface Driver extends Queryable {
	readonly name: 'pglite' | 'postgres';
	/** BEGIN … COMMIT around fn, ROLLBACK when it throws; every statement of fn goes through the client it is given */
	transaction<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
	close(): Promise<void>;
}

/** A FIFO mutex: PGlite is one connection, so a statement outside a transaction must not run inside another's. */
export class Mutex {
	private tail: Promise<unknown> = Promise.resolve();
	run<T>(fn: () => Promise<T>): Promise<T> {
		const result = this.tail.then(fn);
		this.tail = result.catch(() => undefined);
		return result;
	}
}

/** Embedded PostgreSQL (WASM) with its data folder; every statement and transaction is serialised in-process. */
export async function pgliteDriver(dataDir: string): Promise<Driver> {
	const { PGlite } = await import('@electric-sql/pglite');
	const db = await PGlite.create(dataDir);
	const lock = new Mutex();
	type Target = Pick<typeof db, 'query' | 'exec'>;
	const wrap = (t: Target): Queryable => ({
		query: async <R extends Row>(text: string, params?: unknown[]) => {
			const r = await t.query<R>(text, params);
			return { rows: r.rows, count: r.affectedRows ?? r.rows.length };
		},
		exec: async (text) => void (await t.exec(text))
	});
	const direct = wrap(db);
	return {
		name: 'pglite',
		query: (text, params) => lock.run(() => direct.query(text, params)),
		exec: (text) => lock.run(() => direct.exec(text)),
		transaction: (fn) => lock.run(() => db.transaction((tx) => fn(wrap(tx)))),
		close: () => lock.run(() => db.close())
	};
}

/** A PostgreSQL server through a pool; a transaction holds one pooled client from BEGIN to COMMIT. */
export async function postgresDriver(url: string, max = 10): Promise<Driver> {
	const { default: pg } = await import('pg');
	const pool = new pg.Pool({ connectionString: url, max });
	// an idle client losing its connection must not crash the process; the next checkout reconnects
	pool.on('error', (e) => console.error('postgres pool:', e.message));
	type Client = Pick<InstanceType<typeof pg.Pool>, 'query'>;
	const named = preparedNames();
	const wrap = (c: Client): Queryable => ({
		query: async <R extends Row>(text: string, params?: unknown[]) => {
			const r = await c.query<R>({ text, values: params, name: named(text) });
			return { rows: r.rows, count: r.rowCount ?? r.rows.length };
		},
		exec: async (text) => void (await c.query(text))
	});
	const direct = wrap(pool);
	return {
		name: 'postgres',
		...direct,
		transaction: async (fn) => {
			const client = await pool.connect();
			let broken: Error | undefined;
			try {
				await client.query('BEGIN');
				const result = await fn(wrap(client));
				await client.query('COMMIT');
				return result;
			} catch (e) {
				await client.query('ROLLBACK').catch((r: Error) => (broken = r));
				throw e;
			} finally {
				client.release(broken);
			}
		},
		close: () => pool.end()
	};
}

/**
 * Names for prepared statements: each connection parses and plans a statement once and then only binds it. The app's
 * statements are few and fixed; bulk inserts and one-off texts past the cap stay unnamed.
 */
function preparedNames(cap = 500, maxLength = 4000) {
	const names = new Map<string, string>();
	return (text: string): string | undefined => {
		if (text.length > maxLength) return undefined;
		let name = names.get(text);
		if (!name && names.size < cap) names.set(text, (name = `s${names.size + 1}`));
		return name;
	};
}
