// A year of cases through the engine itself, so the figures (/workbench/metrics, /figures) have something true to show.
// Every case is submitted with CaseService.submit and moved by CaseService.act / verify, as people would, on a clock set
// to the moment each step happens (working hours, working days). Seeded: the same seed makes the same history.
import { compose, type ComposedService } from '../../runtime/core/compose';
import { offers, mayAct, type Offer } from '../../runtime/core/cases/engine';
import { SubmitBody } from '../../runtime/core/cases/service';
import { stepStandards } from '../../runtime/core/cases/standards';
import { LocalTestProvider } from '../../runtime/core/payments/provider';
import { localDate } from '../../runtime/core/calendar';
import { HttpError } from '../../runtime/core/errors';
import { applicantSubjects, prefillValues, profileOffer } from '../../runtime/core/prefill';
import { ConflictError, type Actor, type CaseRecord } from '../../runtime/core/store';
import { sweepDeadlines } from '../../runtime/server/deadlines';
import { saveFile } from '../../runtime/server/files';
import type { App } from '../../runtime/server/app';
import { filledData } from '../unit/helpers/fullest';
import { int, pick, rng, type Rng } from '../unit/helpers/schema-data';
import { demoPeople, type DemoPerson } from './people';

export interface HistoryOptions {
	cases: number;
	days: number;
	seed: number;
	/** the history ends here (default: now) */
	end?: Date;
	log?: (line: string) => void;
}

export interface HistorySummary {
	submitted: number;
	/** submissions the engine refused (the generator's data did not fit the form): named, never silently dropped */
	refused: { service: string; error: string }[];
	actions: number;
	byStatus: Record<string, number>;
	ratings: number;
	from: string;
	to: string;
}

type Job = { at: number; run: () => Promise<void> };

const HOUR = 3600_000;
/** 09:00–17:00 in UTC+8, as UTC hours */
const WORK_START_UTC = 1;
const WORK_HOURS = 8;

/** A moment `days` working days after `from` (0: later the same working day, if there is time left), in office hours. */
function workingMoment(app: App, r: Rng, from: number, days: number): number {
	const cal = app.cases.calendar;
	const sameDayLeft = (from % (24 * HOUR)) / HOUR < WORK_START_UTC + WORK_HOURS - 2;
	if (days === 0 && sameDayLeft && cal.isWorkingDay(localDate(new Date(from)))) return from + int(r, 20, 120) * 60_000;
	let day = Date.parse(`${localDate(new Date(from))}T00:00:00Z`);
	for (let n = Math.max(days, 1); n > 0;) {
		day += 24 * HOUR;
		if (cal.isWorkingDay(new Date(day).toISOString().slice(0, 10))) n--;
	}
	return day + WORK_START_UTC * HOUR + r() * WORK_HOURS * HOUR;
}

/** The valid application a citizen would send: answers chosen, 申请人 fields from their profile, every material given. */
async function application(app: App, r: Rng, person: DemoPerson, kind: 'item' | 'bundle', id: string, commit = true) {
	const source = await app.defs.source(kind, id);
	let answers: Record<string, string | string[]> = {};
	for (let i = 0; i < 10; i++) {
		const open = compose(source, answers).questions.filter((q) => answers[q.key] === undefined);
		if (!open.length) break;
		for (const q of open) answers = { ...answers, [q.key]: q.multiple ? [pick(r, q.options).value] : pick(r, q.options).value };
	}
	const service = compose(source, answers);
	const data = filledData(service.form, answers, int(r, 1, 1_000_000));
	const offer = profileOffer(app.catalog.dictionaries.semanticKeys, { ...person.account.profile, birthDate: person.birthDate });
	Object.assign(data, prefillValues(service.form, offer, applicantSubjects(service.questions, answers)));
	const materials: Record<string, Record<string, unknown>> = {};
	for (const m of service.materials) {
		const kinds = m.sources.map((s) => s.kind);
		if (kinds.includes('commitment') && ((commit && r() < 0.4) || !kinds.includes('upload'))) materials[m.id] = { source: 'commitment', signed: true };
		else if (kinds.includes('upload')) materials[m.id] = { source: 'upload', files: [(await scan(app, person, m.accept)).id] };
		else if (kinds.includes('shared')) materials[m.id] = { source: 'shared' };
	}
	return { service, body: { service: { kind, id }, answers, data, materials } };
}

/** How often each kind of step is taken when it is offered: forward steps mostly, a 补正 or a refusal sometimes. */
const WEIGHT: Record<string, number> = {
	ACCEPT: 80,
	PASS: 80,
	APPROVE: 80,
	ISSUE: 100,
	INSPECT: 80,
	EXPERT_REVIEW: 80,
	REQUEST_CORRECTION: 10,
	REJECT: 2,
	DENY: 2,
	RETURN: 2,
	WITHDRAW: 0.5
};

function payloadFor(app: App, r: Rng, offer: Offer, service: ComposedService, c: CaseRecord): Record<string, unknown> | undefined {
	switch (offer.type) {
		case 'REJECT':
			return { reason: '申请事项不属于本部门职权范围' };
		case 'DENY':
			return { reason: '申请人不符合法定条件' };
		case 'RETURN':
			return { reason: '审查意见需补充说明，退回重新审查' };
		case 'REQUEST_CORRECTION': {
			const m = service.materials.find((x) => c.state.machine.context.materials[x.id]?.source === 'upload');
			return m ? { problems: [{ target: { kind: 'material', id: m.id }, message: '扫描件不清晰，请重新上传' }] } : undefined;
		}
		case 'INSPECT':
			return { checklist: (app.cases as any).checklistOf(service, offer).map((x: { id: string }) => ({ id: x.id, passed: true })) };
		case 'PASS':
		case 'APPROVE': {
			// 开卷式审批: the reviewer ticks the step's standards (met, or the step would refuse)
			const standards = stepStandards(service.workflow, offer.statePath, offer.type);
			return standards.length ? { standards: standards.map((x) => ({ id: x.id, met: true })) } : {};
		}
		case 'EXPERT_REVIEW':
			return { conclusion: 'pass', opinion: '经专家评审，符合要求' };
		case 'WITHDRAW':
			return { reason: '申请人主动撤回' };
		default:
			return WEIGHT[offer.type] !== undefined ? {} : undefined;
	}
}

export async function generateHistory(app: App, opts: HistoryOptions): Promise<HistorySummary> {
	const clock = app.testClock;
	if (!clock) throw new Error('generateHistory needs an app with a settable clock (testClock)');
	const r = rng(opts.seed);
	const end = (opts.end ?? new Date()).getTime();
	const start = end - opts.days * 24 * HOUR;
	const setClock = (at: number) => (clock.offsetMs = Math.max(at, clock.now().getTime()) - Date.now());
	clock.offsetMs = start - Date.now();

	const people = demoPeople(r, Math.max(3, Math.min(300, Math.ceil(opts.cases / 4))));
	for (const p of people) if (!(await app.store.accounts.byUsername(p.account.username))) await app.store.accounts.put(p.account);
	const staff: Actor[] = (await app.store.accounts.list())
		.filter((a) => a.department)
		.map((a) => ({ id: a.id, name: a.name, roles: a.roles, department: a.department }));
	const services = app.catalog.current.entries.map((e) => ({ kind: e.kind, id: e.id }));
	if (!services.length) throw new Error('目录中没有已发布的事项或一件事');

	const summary: HistorySummary = { submitted: 0, refused: [], actions: 0, byStatus: {}, ratings: 0, from: new Date(start).toISOString(), to: '' };
	const queue: Job[] = [];
	const schedule = (job: Job) => {
		let i = queue.length;
		while (i > 0 && queue[i - 1].at > job.at) i--;
		queue.splice(i, 0, job);
	};

	const step = async (caseId: string, slow: boolean) => {
		const c = (await app.store.cases.get(caseId))!;
		if (c.status !== 'active') return;
		const service = await app.cases.composeFor(c);
		const open = offers(service.workflow, c.state.machine.value).filter((o) => (WEIGHT[o.type] ?? 0) > 0);
		const person = people.find((p) => p.account.id === c.applicantId);
		const resubmit = offers(service.workflow, c.state.machine.value).find((o) => o.type === 'RESUBMIT');
		if (resubmit && person) {
			const mats = c.state.machine.context.corrections.filter((x) => !x.resolvedAt).flatMap((x) => x.problems);
			const materials: Record<string, unknown> = {};
			for (const p of mats.filter((x) => x.target.kind === 'material'))
				materials[p.target.id] = {
					source: 'upload',
					files: [(await scan(app, person, service.materials.find((m) => m.id === p.target.id)?.accept ?? ['pdf'])).id]
				};
			await act(c, person.account, { type: 'RESUBMIT', version: c.version, data: {}, materials });
		} else if (person && open.some((o) => o.type === 'ISSUE') && (await app.payments.statusOf(c)).payable) {
			await pay(c, person);
		} else if (open.length) {
			const offer = weighted(r, open);
			const who = staff.filter((p) => mayAct(p, offer, c.applicantId));
			const payload = payloadFor(app, r, offer, service, c);
			if (who.length && payload)
				await act(c, pick(r, who), { type: offer.type, version: c.version, ...(offer.branch ? { branch: offer.branch } : {}), ...payload });
		}
		const after = (await app.store.cases.get(caseId))!;
		if (after.status === 'active') {
			const perStep = Math.max(0, Math.round(service.limits.promisedDays / 4));
			const days = slow ? int(r, perStep + 2, perStep * 2 + 4) : int(r, 0, perStep);
			schedule({ at: workingMoment(app, r, app.time.now().getTime(), days), run: () => step(caseId, slow) });
		} else await finish(after, person);
	};

	const act = async (c: CaseRecord, who: Pick<Actor, 'id' | 'name' | 'roles' | 'department'>, event: Record<string, unknown>) => {
		try {
			await app.cases.act({ id: who.id, name: who.name, roles: who.roles, department: who.department }, c.id, event);
			summary.actions++;
		} catch (e) {
			// a guard refusing this step (a condition, a check) is part of the history's randomness, not an error
			if (!(e instanceof HttpError) && !(e instanceof ConflictError)) throw e;
		}
	};

	const finish = async (c: CaseRecord, person: DemoPerson | undefined) => {
		summary.byStatus[c.status] = (summary.byStatus[c.status] ?? 0) + 1;
		// 告知承诺核查 by the department, and the applicant's 好差评 (most rate, most are satisfied)
		for (const v of c.state.verifications.filter((x) => x.status === 'open')) {
			const officer = staff.find((s) => s.roles.includes('reviewer') && s.department === v.department);
			if (!officer) continue;
			const at = workingMoment(app, r, app.time.now().getTime(), int(r, 1, 10));
			schedule({ at, run: () => verify(c.id, v.id, officer) });
		}
		if (person && c.status !== 'withdrawn' && r() < 0.7) {
			const grade = weighted(
				r,
				[5, 5, 5, 5, 5, 5, 4, 4, 4, 3, 2, 1].map((g) => ({ type: String(g) }))
			).type;
			schedule({ at: workingMoment(app, r, app.time.now().getTime(), int(r, 0, 3)), run: () => rate(c.id, person, Number(grade)) });
		}
	};

	// 统一公共支付: the applicant pays what is due before 出件, through the local test provider
	const pay = async (c: CaseRecord, person: DemoPerson) => {
		const a = person.account;
		const { order } = await app.payments.open({ id: a.id, name: a.name, roles: a.roles }, c.id);
		const provider = app.payments.providers.get(order.provider);
		if (!(provider instanceof LocalTestProvider)) return;
		const cb = provider.paidCallback({ id: order.id, amountFen: order.amountFen, subject: c.service.name }, app.time.now());
		await app.payments.callback(new Headers(cb.headers), cb.body);
		summary.actions++;
	};

	const verify = async (caseId: string, verificationId: string, officer: Actor) => {
		const c = (await app.store.cases.get(caseId))!;
		const result = r() < 0.97 ? 'confirmed' : 'false';
		const note = result === 'confirmed' ? '经核查，承诺内容属实' : '经核查，承诺内容与事实不符';
		await app.cases.verify(officer, caseId, verificationId, { version: c.version, result, note }).catch(ignoreRefusal);
	};

	const rate = async (caseId: string, person: DemoPerson, grade: number) => {
		const aspect = () => Math.max(1, Math.min(5, grade + int(r, -1, 1)));
		const comment = grade >= 4 ? pick(r, ['办事效率高', '窗口人员态度很好', '一次办好，很方便']) : pick(r, ['等待时间太长', '材料要求说明不清楚']);
		const a = person.account;
		await app.ratings
			.rate({ id: a.id, name: a.name, roles: a.roles }, caseId, { grade, aspects: { attitude: aspect(), efficiency: aspect(), quality: aspect() }, comment })
			.then(() => summary.ratings++, ignoreRefusal);
	};

	// submissions: more on weekdays' mornings, none on days off; a few slow cases run past their promise
	for (let i = 0; i < opts.cases; i++) {
		const at = workingMoment(app, r, start + r() * (end - start - 2 * 24 * HOUR), 0);
		schedule({
			at,
			run: async () => {
				const person = pick(r, people);
				const target = pick(r, services);
				const a = person.account;
				const submit = async (commit: boolean) =>
					(
						await app.cases.submit(
							{ id: a.id, name: a.name, roles: a.roles },
							SubmitBody.parse((await application(app, r, person, target.kind, target.id, commit)).body)
						)
					).case;
				try {
					// an applicant barred from 告知承诺 (信用记录) hands in the material instead
					const c = await submit(true).catch((e) =>
						e instanceof HttpError && /承诺/.test(JSON.stringify(e.errors ?? [])) ? submit(false) : Promise.reject(e)
					);
					summary.submitted++;
					schedule({ at: workingMoment(app, r, app.time.now().getTime(), int(r, 0, 1)), run: () => step(c.id, r() < 0.08) });
				} catch (e) {
					if (!(e instanceof HttpError)) throw e;
					summary.refused.push({ service: `${target.kind}:${target.id}`, error: `${e.message} ${JSON.stringify(e.errors ?? [])}`.slice(0, 300) });
				}
			}
		});
	}

	let lastSweepDay = '';
	while (queue.length && queue[0].at < end) {
		const job = queue.shift()!;
		setClock(job.at);
		const day = localDate(app.time.now());
		// the deadline timer runs once a day of the history (容缺 ends, reminders), as the server's would
		if (day !== lastSweepDay) {
			await sweepDeadlines(app);
			if (day.slice(0, 7) !== lastSweepDay.slice(0, 7)) opts.log?.(`${day}：已提交 ${summary.submitted} 件，办理动作 ${summary.actions} 个`);
			lastSweepDay = day;
		}
		await job.run();
	}
	summary.to = app.time.now().toISOString();
	summary.byStatus.active = summary.submitted - Object.values(summary.byStatus).reduce((a, b) => a + b, 0);
	return summary;
}

const ignoreRefusal = (e: unknown) => {
	if (!(e instanceof HttpError) && !(e instanceof ConflictError)) throw e;
};

function weighted<T extends { type: string }>(r: Rng, options: T[]): T {
	const total = options.reduce((n, o) => n + (WEIGHT[o.type] ?? 1), 0);
	let x = r() * total;
	for (const o of options) if ((x -= WEIGHT[o.type] ?? 1) < 0) return o;
	return options[options.length - 1];
}

/** A scan in a type the material accepts: a one-page PDF, else a 1×1 PNG. */
const scan = (app: App, person: DemoPerson, accept: string[]) =>
	accept.includes('pdf') || !accept.includes('png')
		? saveFile(app, person.account.id, '申请材料扫描件.pdf', PDF)
		: saveFile(app, person.account.id, '证件照.png', PNG);

const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (ch) => ch.charCodeAt(0));
const PDF = new TextEncoder().encode('%PDF-1.4\n% demo scan\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
