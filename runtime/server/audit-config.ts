// How long audit entries stay in the store: AUDIT_RETENTION_DAYS, at least 180 days (等保 2.0 asks for six months).

export const MIN_RETENTION_DAYS = 180;

/** AUDIT_RETENTION_DAYS (default 180); a value under 180 or not a whole number stops the start with the variable's name. */
export function auditRetentionDays(env: Record<string, string | undefined> = process.env): number {
	const raw = env.AUDIT_RETENTION_DAYS?.trim() ?? '';
	if (raw === '') return MIN_RETENTION_DAYS;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < MIN_RETENTION_DAYS)
		throw new Error(`环境变量 AUDIT_RETENTION_DAYS 应为不小于 ${MIN_RETENTION_DAYS} 的整数（天），现为 “${raw}”`);
	return n;
}
