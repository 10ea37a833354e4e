// The same checks as `npm run definitions:check`, run in the browser on the item being edited.
import { checkItem } from '$core/check';
import { parseJsonPath, jsonPath, type DefinitionIssue } from '$core/issues';
import { placeOf } from '$core/issue-place';
import { plainZodMessage } from '$core/zod-plain';
import type { z } from 'zod';
import { Item, type Dictionaries } from '$core/model';

export interface StudioIssue {
	/** the JSON path (the JSON tab's marker) */
	path: string;
	segments: (string | number)[];
	/** where, by the definition's labels: 材料「授权委托书」的提交条件 */
	place: string;
	/** what, in plain Chinese */
	message: string;
	severity: 'error' | 'warning';
	tab: string;
}

const TAB_OF: Record<string, string> = {
	form: 'form',
	materials: 'materials',
	situations: 'situations',
	workflow: 'workflow',
	legalLimitDays: 'limits',
	promisedLimitDays: 'limits',
	fees: 'limits',
	locations: 'limits',
	result: 'limits',
	visits: 'limits',
	consultPhone: 'limits',
	complaintPhone: 'limits',
	specialProcedures: 'limits',
	inspectionChecklist: 'limits'
};
const tabOf = (segments: (string | number)[]) => TAB_OF[String(segments[0])] ?? 'basic';

type TabOf = (segments: (string | number)[]) => string;
type Names = (id: string) => string | undefined;

/** Schema errors in plain words, each with its place and the editor tab that fixes it. */
export const fromZod = (issues: z.core.$ZodIssue[], tab: TabOf, def?: unknown, names?: Names): StudioIssue[] =>
	issues.map((i) => {
		const segments = i.path as (string | number)[];
		return { path: jsonPath(segments), segments, place: placeOf(def, segments, names), message: plainZodMessage(i), severity: 'error', tab: tab(segments) };
	});

/** Catalog-check issues (the same as definitions:check), each with its place and the editor tab that fixes it. */
export const fromCheck = (issues: DefinitionIssue[], tab: TabOf, def?: unknown, names?: Names): StudioIssue[] =>
	issues.map((i) => {
		const segments = parseJsonPath(i.path);
		return { path: i.path, segments, place: placeOf(def, segments, names), message: i.message, severity: i.severity, tab: tab(segments) };
	});

/** The issue as one sentence: 字段「代理人姓名」的显示条件：条件引用了不存在的办事情形「q2」. */
export const issueText = (i: Pick<StudioIssue, 'place' | 'message'>) => `${i.place}：${i.message}`;

export function validateItem(json: unknown, dictionaries: Dictionaries): StudioIssue[] {
	const parsed = Item.safeParse(json);
	if (!parsed.success) return fromZod(parsed.error.issues, tabOf, json);
	return fromCheck(checkItem(parsed.data, dictionaries, `items/${parsed.data.id}.json`), tabOf, json);
}
