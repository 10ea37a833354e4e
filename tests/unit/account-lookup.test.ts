// Accounts written before their profile identifiers were indexed (a store from before migration 8) are indexed when the
// store next opens, so the front desk finds those citizens by ID or phone number too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../runtime/server/open-store';
import { pgliteDriver } from '../../runtime/server/sql/driver';

const dir = mkdtempSync(join(tmpdir(), 'account-lookup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('finding accounts by identifier after an upgrade', () => {
	it('indexes unindexed accounts at open', { timeout: 60_000 }, async () => {
		const account = {
			id: 'u-old',
			username: 'old',
			name: '旧账号',
			passwordHash: '',
			roles: ['applicant'],
			profile: { idNumber: '350521197001014561', phone: '13805959876' }
		};
		const first = await openStore({ dataDir: dir, env: {}, log: () => undefined });
		await first.accounts.put(account);
		await first.close();
		// as a store written before migration 8 holds it
		const db = await pgliteDriver(join(dir, 'pg'));
		await db.query('UPDATE accounts SET pii_hashes = NULL');
		await db.close();
		const reopened = await openStore({ dataDir: dir, env: {}, log: () => undefined });
		try {
			expect((await reopened.accounts.byIdentifier('13805959876')).map((a) => a.id)).toEqual(['u-old']);
			expect((await reopened.accounts.byIdentifier('350521197001014561')).map((a) => a.id)).toEqual(['u-old']);
		} finally {
			await reopened.close();
		}
	});
});
