// Statements on a PostgreSQL server's admin connection (create and drop the throwaway databases tests and the bench use).
export async function adminQuery(adminUrl: string, text: string): Promise<void> {
	const { default: pg } = await import('pg');
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	try {
		await client.query(text);
	} finally {
		await client.end();
	}
}
