// The same checks as `npm run definitions:check`, run in the browser on the item being edited.
import { checkItem } from '$core/check';
import { parseJsonPath, jsonPath, type DefinitionIssue } from '$core/issues';
import type { z } from 'zod';
import { Item, type Dictionaries } from '$core/model';

export interface StudioIssue {
	path: string;
	segments: (string | number)[];
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

/** Schema errors, each with the editor tab that fixes it. */
export const fromZod = (issues: z.core.$ZodIssue[], tab: TabOf): StudioIssue[] =>
	issues.map((i) => {
		const segments = i.path as (string | number)[];
		return { path: jsonPath(segments), segments, message: i.message, severity: 'error', tab: tab(segments) };
	});

/** Catalog-check issues (the same as definitions:check), each with the editor tab that fixes it. */
export const fromCheck = (issues: DefinitionIssue[], tab: TabOf): StudioIssue[] =>
	issues.map((i) => {
		const segments = parseJsonPath(i.path);
		return { path: i.path, segments, message: i.message, severity: i.severity, tab: tab(segments) };
	});

export function validateItem(json: unknown, dictionaries: Dictionaries): StudioIssue[] {
	const parsed = Item.safeParse(json);
	if (!parsed.success) return fromZod(parsed.error.issues, tabOf);
	return fromCheck(checkItem(parsed.data, dictionaries, `items/${parsed.data.id}.json`), tabOf);
}
