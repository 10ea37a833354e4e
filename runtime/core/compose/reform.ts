// 改革成效 of one composed service: what the citizen does once instead of N times. The studio's composer, the public
// /figures page and the workbench figures all count them here.
import type { Bundle, Item } from '../model';
import { daySavings, dependenciesOf } from './savings';
import type { ComposedService } from './types';

/**
 * The figures the reform counts: what the citizen does once instead of N times (fields and materials as the citizen texts
 * count them), and where the days are saved (the bundle's 前置事项 when given, else only the licences passed on inside).
 */
export function reformFigures(s: ComposedService, items: Item[], bundle?: Pick<Bundle, 'members'>) {
	const included = s.members
		.filter((m) => m.included)
		.map((m) => items.find((i) => i.id === m.item)!)
		.filter(Boolean);
	const visitsSeparately = included.reduce((n, i) => n + (i.visits === 'n' ? 2 : i.visits), 0);
	return {
		items: included.length,
		fields: { ...s.facts.fields },
		materials: { ...s.facts.materials },
		departments: s.facts.reviewDepartments,
		visits: { once: Math.max(0, ...included.map((i) => (i.visits === 'n' ? 2 : i.visits))), separately: visitsSeparately },
		days: { promised: s.limits.promisedDays, sequential: s.limits.sequentialDays, legal: s.limits.legalDays },
		savings: daySavings(included, dependenciesOf(bundle ?? { members: [] }, s.sharedInBundle))
	};
}
