// 事项标识 and 一件事标识: one rule for the input's pattern (valid under the `v` flag browsers compile it with) and the message.
export const ID_PATTERN = '[a-z0-9][a-z0-9\\-]*';
const ID_RE = new RegExp(`^(?:${ID_PATTERN})$`, 'u');

/** What is wrong with an id, naming the characters that are not allowed; undefined when it is fine. */
export function idProblem(id: string, what = '事项标识'): string | undefined {
	if (!id.trim()) return `请填写${what}`;
	if (ID_RE.test(id)) return undefined;
	const bad = [...new Set([...id].filter((c) => !/[a-z0-9-]/.test(c)))].map((c) => (c === ' ' ? '空格' : `「${c}」`));
	if (bad.length) return `${what}「${id}」含有不允许的字符 ${bad.join('、')}：只能用小写英文字母、数字和连字符（-），例如 putonghua-buzheng`;
	return `${what}「${id}」须以小写字母或数字开头，例如 putonghua-buzheng`;
}
