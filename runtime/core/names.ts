// A person's name masked for lists (个人信息保护法: show no more than the task needs): 张三 → 张*, 张小三 → 张*三.

/** The first and last characters kept, the rest starred; one character is starred whole. */
export function maskName(name: string): string {
	const chars = [...name.replace(/[\s\u3000]+/g, '')];
	if (chars.length <= 1) return chars.length ? '*' : '';
	if (chars.length === 2) return `${chars[0]}*`;
	return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

/** The applicant's name in a case's form data (the semantic key applicant.name), masked; absent when there is none. */
export function maskedApplicant(data: Record<string, unknown>): string | undefined {
	const name = data.applicant_name;
	return typeof name === 'string' && name.trim() ? maskName(name) : undefined;
}
