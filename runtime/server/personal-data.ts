// What the platform holds about the signed-in person (个人信息保护法 第四十四、四十五条: to see and to copy it), and who
// opened their cases (from the audit). Every list is bounded; the page and the JSON download share this one collection.
import { CONSENT_KINDS, CONSENT_TEXT, consentActive } from '../core/consents';
import { LOG_LABELS } from '../core/cases/events';
import { SYSTEM_ACTOR } from '../core/cases/events/common';
import { GRADE_LABELS } from '../core/ratings';
import type { Account, Actor, AuditEntry, CaseRecord } from '../core/store';
import type { App } from './app';

/** at most this many cases (newest first) are listed, each with its licence consents, rating and access log */
export const MAX_CASES = 1000;
const CASE_PAGE = 200;
/** the newest audit entries read per case, and of the person's own account */
export const AUDIT_PER_CASE = 200;
export const ACCOUNT_EVENTS = 200;
export const MAX_FILES = 1000;

const ACCESS_LABELS: Record<string, string> = {
	'case.view': '查看办件',
	'file.view': '查看材料文件',
	'licence.download': '下载证照',
	'licence.fetch': '调取电子证照',
	'shared.fetch': '部门共享获取本人信息',
	'dossier.print': '查看案卷（打印）',
	'dossier.download': '下载案卷',
	'task.claim': '签收办件',
	'task.release': '退回待签收',
	'task.reassign': '改派经办人',
	'task.revoke': '收回签收',
	'rating.callback': '差评回访',
	'rating.verification': '差评核实',
	'rating.rectification': '差评整改',
	'rating.outcome': '差评处理结果'
};

export const accessLabel = (action: string) =>
	ACCESS_LABELS[action] ?? (action.startsWith('case.') ? `办理：${LOG_LABELS[action.slice(5)] ?? action.slice(5)}` : action);

const ACCOUNT_LABELS: Record<string, string> = {
	'login.failure': '登录失败（密码错误）',
	'login.totp_failure': '登录失败（动态验证码错误）',
	'login.lockout': '登录被暂时锁定',
	'totp.enrol': '启用双重验证',
	'consent.give': '给予授权',
	'consent.withdraw': '撤回授权',
	'me.data.download': '下载个人信息'
};

/** Who acted, as the person may see it: staff by name and department; anyone else without a name. */
function viewerOf(account: Account | undefined, actorId: string, departments: Map<string, string>) {
	if (actorId === SYSTEM_ACTOR.id) return { name: SYSTEM_ACTOR.name, department: undefined };
	if (!account) return { name: '（已不存在的账号）', department: undefined };
	if (account.department) return { name: account.name, department: departments.get(account.department) ?? account.department };
	if (account.roles.includes('admin')) return { name: account.name, department: '平台管理员' };
	return { name: '（非工作人员）', department: undefined };
}

/** The person's cases, newest first, paged through the store up to MAX_CASES. */
async function casesOf(app: App, applicantId: string) {
	const rows: Omit<CaseRecord, 'events'>[] = [];
	let cursor: string | undefined;
	do {
		const page = await app.store.cases.page({ applicantId }, Math.min(CASE_PAGE, MAX_CASES - rows.length), cursor);
		rows.push(...page.rows);
		cursor = page.next;
	} while (cursor && rows.length < MAX_CASES);
	return { rows, truncated: !!cursor };
}

/** Licences provided by fetching on a case: the materials of its submission and of its current state. */
function licenceMaterials(c: Omit<CaseRecord, 'events'>) {
	const seen = new Map<string, { material: string; licenceId: string }>();
	for (const m of [c.state.initial.context.materials, c.state.machine.context.materials])
		for (const [material, p] of Object.entries(m ?? {}))
			if (p?.source === 'licence') seen.set(`${material}\u0000${p.licenceId}`, { material, licenceId: p.licenceId });
	return [...seen.values()];
}

export async function personalData(app: App, actor: Actor) {
	const account = await app.store.accounts.get(actor.id);
	if (!account) throw new Error(`account ${actor.id} not found`);
	const departments = new Map(app.catalog.dictionaries.departments.map((d) => [d.id, d.name]));
	const people = new Map<string, Promise<Account | undefined>>();
	const person = (id: string) => people.get(id) ?? people.set(id, app.store.accounts.get(id)).get(id)!;

	const cases = await casesOf(app, account.id);
	const caseRows = [];
	const accessLog = [];
	const caseConsents = [];
	const ratings = [];
	for (const c of cases.rows) {
		const audit: AuditEntry[] = await app.store.audit.list({ caseId: c.id, limit: AUDIT_PER_CASE });
		const ctx = c.state.machine.context;
		caseRows.push({
			id: c.id,
			receiptNumber: c.receiptNumber,
			service: c.service,
			status: c.status,
			createdAt: c.createdAt,
			updatedAt: c.updatedAt,
			answers: ctx.answers,
			data: ctx.data,
			materials: ctx.materials
		});
		for (const e of audit)
			if (e.actorId !== account.id)
				accessLog.push({
					at: e.at,
					caseId: c.id,
					receiptNumber: c.receiptNumber,
					action: e.action,
					label: accessLabel(e.action),
					viewer: viewerOf(await person(e.actorId), e.actorId, departments)
				});
		const fetched = audit.filter((e) => e.action === 'licence.fetch' && e.actorId === account.id);
		for (const m of licenceMaterials(c))
			caseConsents.push({
				caseId: c.id,
				receiptNumber: c.receiptNumber,
				caseStatus: c.status,
				...m,
				fetchedAt: fetched.find((e) => e.detail?.material === m.material && e.detail?.licenceId === m.licenceId)?.at ?? c.createdAt
			});
		const r = await app.store.ratings.byCase(c.id);
		if (r && r.applicantId === account.id)
			ratings.push({
				caseId: c.id,
				receiptNumber: c.receiptNumber,
				grade: r.grade,
				gradeLabel: GRADE_LABELS[r.grade],
				aspects: r.aspects,
				comment: r.comment,
				createdAt: r.createdAt,
				followUp: r.followUp ? { status: r.followUp.status, outcome: r.followUp.outcome } : undefined
			});
	}
	accessLog.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));

	const own = await app.store.audit.list({ actorId: account.id, limit: ACCOUNT_EVENTS });
	const accountEvents = own
		.filter((e) => e.action in ACCOUNT_LABELS)
		.map((e) => ({ at: e.at, action: e.action, label: ACCOUNT_LABELS[e.action], address: e.detail?.address as string | undefined }));
	const files = await app.store.files.listByOwner(account.id, MAX_FILES);
	const licences = await app.licences.ofAccount(account.id);
	const drafts = await app.store.drafts.listByUser(account.id);

	return {
		generatedAt: app.time.now().toISOString(),
		account: {
			id: account.id,
			username: account.username,
			name: account.name,
			roles: account.roles,
			department: account.department,
			profile: account.profile ?? {},
			twoFactor: { enrolled: !!account.totp, enrolledAt: account.totp?.enrolledAt }
		},
		consents: {
			standing: CONSENT_KINDS.map((kind) => ({ kind, ...CONSENT_TEXT[kind], active: consentActive(account, kind), record: account.consents?.[kind] })),
			onCases: caseConsents
		},
		cases: { rows: caseRows, truncated: cases.truncated, limit: MAX_CASES },
		files: files.map(({ ownerId: _, ...f }) => f),
		licences: licences.map((l) => ({
			id: l.id,
			type: l.type,
			name: l.name,
			number: l.number,
			issuer: l.issuer,
			issuedAt: l.issuedAt,
			validUntil: l.validUntil,
			caseId: l.caseId,
			revokedAt: l.revokedAt,
			data: l.data
		})),
		ratings,
		// 信用记录 and 办不成事反映 the platform holds about the account
		credit: await app.store.credit.bySubject(account.id),
		complaints: await app.store.complaints.list({ complainantId: account.id }),
		drafts: drafts.map((d) => ({
			service: { kind: d.serviceKind, id: d.serviceId },
			updatedAt: d.updatedAt,
			answers: d.answers,
			data: d.data,
			materials: d.materials
		})),
		accessLog,
		accountEvents
	};
}

export type PersonalData = Awaited<ReturnType<typeof personalData>>;
