// 中介服务 on the workbench case page: the services the case's items name, each with its run (started, finished, working
// days used) and whether the viewer may record it.
import { intermediaryRuns } from '../core/cases/intermediary';
import { workingDaysBetween } from '../core/calendar';
import { IntermediaryTracker } from '../core/review/intermediary';
import type { Actor, CaseRecord } from '../core/store';
import type { App } from './app';

export const intermediaryTracker = (app: App) => new IntermediaryTracker(app.cases, () => app.catalog.dictionaries.intermediaryServices ?? []);

export async function intermediaryData(app: App, actor: Actor, c: CaseRecord) {
	const runs = intermediaryRuns(c.events);
	const now = app.time.now().toISOString();
	const staff = actor.roles.some((r) => r !== 'applicant');
	return (await intermediaryTracker(app).servicesOf(c)).map((s) => {
		const run = runs.find((r) => r.service === s.id);
		return {
			id: s.id,
			name: s.name,
			provider: s.provider,
			timeLimitDays: s.timeLimitDays,
			feeBasis: s.feeBasis,
			run,
			usedDays: run ? Math.max(0, workingDaysBetween(app.cases.calendar, run.startedAt, run.finishedAt ?? now)) : undefined,
			mayRecord: staff && c.status === 'active' && actor.department === s.department && !run?.finishedAt
		};
	});
}
