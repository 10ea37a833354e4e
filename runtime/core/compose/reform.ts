// 改革成效 of one composed service: what the citizen does once instead of N times. The studio's composer, the public
// /figures page and the workbench figures all count them here.
import type { Item } from '../model';
import type { ComposedService } from './types';

/** The figures the reform counts: what the citizen does once instead of N times (fields and materials as the citizen texts count them). */
export function reformFigures(s: ComposedService, items: Item[]) {
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
		days: { promised: s.limits.promisedDays, sequential: s.limits.sequentialDays, legal: s.limits.legalDays }
	};
}
