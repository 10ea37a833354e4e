// Money in 分, exactly (no floating point): parsing a yuan amount and writing one. No zod, so guide pages stay light.

/** "12.5" → 1250; exact (no floating point): the definition's regex admits at most two decimals. */
export function toFen(yuan: string): number {
	const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(yuan.trim());
	if (!m) throw new Error(`金额格式不正确：${yuan}`);
	return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 1250 → "12.50" */
export const formatYuan = (fen: number) => `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
