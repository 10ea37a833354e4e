// The same checks as `npm run definitions:check`, run in the browser on the item being edited.
import { checkItem } from '$core/check';
import { parseJsonPath, jsonPath } from '$core/issues';
import { Item, type Dictionaries } from '$core/model';

export interface StudioIssue {
	path: string;
	segments: (string | number)[];
	message: string;
	severity: 'error' | 'warning';
	tab: string;
}

const TAB_OF: Record<string, string> = { form: 'form', materials: 'materials', situations: 'situations', workflow: 'workflow', legalLimitDays: 'limits', promisedLimitDays: 'limits', fees: 'limits', locations: 'limits', result: 'limits', visits: 'limits', consultPhone: 'limits', complaintPhone: 'limits', specialProcedures: 'limits', inspectionChecklist: 'limits' };
const tabOf = (segments: (string | number)[]) => TAB_OF[String(segments[0])] ?? 'basic';

export function validateItem(json: unknown, dictionaries: Dictionaries): StudioIssue[] {
	const parsed = Item.safeParse(json);
	if (!parsed.success)
		return parsed.error.issues.map((i) => {
			const segments = i.path as (string | number)[];
			return { path: jsonPath(segments), segments, message: i.message, severity: 'error' as const, tab: tabOf(segments) };
		});
	return checkItem(parsed.data, dictionaries, `items/${parsed.data.id}.json`).map((i) => {
		const segments = parseJsonPath(i.path);
		return { path: i.path, segments, message: i.message, severity: i.severity, tab: tabOf(segments) };
	});
}
