// 征求意见 on the workbench case page: the requests as the viewer sees them (overdue marked, the ones they must answer),
// whom they may ask, and the no-JS form parsing.
import { addresses, consultationsOf, CONSULT_DAYS } from '../core/cases/consultations';
import { ConsultService } from '../core/review/consult';
import type { Actor, CaseRecord } from '../core/store';
import type { App } from './app';
import { officersOf } from './supervise';

export const consultService = (app: App) => new ConsultService(app.store, app.cases, () => app.catalog.dictionaries.departments);

/** The page's 征求意见 panel: every request of the case, and whom the viewer may ask when they handle a step now. */
export async function consultData(app: App, actor: Actor, c: CaseRecord, canAsk: boolean) {
	const now = app.time.now().toISOString();
	const requests = consultationsOf(c).map((x) => ({
		...x,
		overdue: !x.answeredAt && now > x.dueAt,
		mine: !x.answeredAt && c.status === 'active' && addresses(x, actor)
	}));
	const colleagues =
		canAsk && actor.department ? (await officersOf(app, actor.department)).filter((a) => a.id !== actor.id).map((a) => ({ id: a.id, name: a.name })) : [];
	const departments = canAsk ? app.catalog.dictionaries.departments.map((d) => ({ id: d.id, name: d.name })) : [];
	return { requests, canAsk, colleagues, departments, days: CONSULT_DAYS };
}

/** The ask form's fields as the API body: `to` is `department:<id>` or `officer:<account>`. */
export function askFromForm(f: FormData) {
	const to = String(f.get('to') ?? '');
	const [kind, ...rest] = to.split(':');
	const id = rest.join(':');
	const days = Number(f.get('days'));
	return {
		to: kind === 'officer' ? { officer: id } : kind === 'department' ? { department: id } : {},
		question: String(f.get('question') ?? ''),
		...(String(f.get('days') ?? '').trim() === '' || Number.isNaN(days) ? {} : { days })
	};
}
