// Records for the store contract: every optional field both set and absent, a CaseState that passes its schema.
import type { CaseContext, CaseState } from '../../runtime/core/cases/state';
import type { AuditEntry, CaseEvent, CaseRecord, Licence, OutboxMessage, Rating, Task } from '../../runtime/core/store';

let counter = 0;
const run = Math.random().toString(36).slice(2, 8);
/** a fresh id, unique across tests sharing one store */
export const uid = (prefix: string) => `${prefix}-${run}-${++counter}`;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
let people = 0;
/** a fresh valid 18-digit ID number (check digit per GB 11643), unique across tests sharing one store */
export function idNumber(): string {
	const body = `350502${1950 + (++people % 60)}0${1 + (people % 9)}1${people % 10}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
	const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
	return body + '10X98765432'[sum % 11];
}
/** a fresh mainland mobile number */
export const mobile = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

const BASE = Date.UTC(2030, 0, 1);
/** an ISO instant n minutes after 2030-01-01 */
export const iso = (minutes: number) => new Date(BASE + minutes * 60_000).toISOString();

export function caseState(pendingDue?: string): CaseState {
	const context: CaseContext = {
		answers: { kind: 'new', scopes: ['a', 'b'] },
		// personal identifiers by value (an ID number anywhere, a mobile in a list) and by field name (phone): sealed at rest
		data: { name: '张三', capital: 1200.5, nested: { list: [1, 'two', null, true] }, holder: idNumber(), contacts: [mobile()], phone: '0595-22345678' },
		materials: { licence: { source: 'upload', files: ['f1', 'f2'] }, plan: { source: 'deferred' }, seal: { source: 'commitment', signed: true } },
		commitments: ['seal'],
		pending: pendingDue ? [{ material: 'plan', dueAt: pendingDue }] : [],
		outcomes: { 'school-a': 'approved' },
		outcomeReasons: {},
		corrections: [{ at: iso(1), by: 'staff-1', statePath: 'review', problems: [{ target: { kind: 'field', id: 'name' }, message: '姓名有误' }] }],
		delivery: { method: 'post', trackingNumber: 'SF123' }
	};
	const initial: CaseContext = { ...context, corrections: [], outcomes: {}, delivery: undefined };
	delete initial.delivery;
	return {
		machine: { value: { review: { edu: 'pending', fire: 'done' } }, status: 'active', context },
		initial: { value: 'submitted', status: 'active', context: initial },
		branchVersions: { edu: 2, fire: 1 },
		results: [{ item: 'school-a', name: '办学许可证', type: 'licence', number: 'NO-1', issuer: '教育局', issuedAt: iso(5) }],
		verifications: [
			{ id: 'v1', material: 'seal', materialName: '公章', item: 'school-a', department: 'edu', method: 'onsite', dueAt: iso(9000), status: 'open' }
		]
	};
}

export function event(seq: number, full = false): CaseEvent {
	const e: CaseEvent = {
		seq,
		at: iso(seq),
		actor: full ? { id: 'staff-1', name: '李四', roles: ['reviewer'], department: 'edu' } : { id: 'citizen-1', name: '张三', roles: [] },
		type: seq === 1 ? 'SUBMIT' : 'PASS',
		payload: full ? { opinion: '同意', list: [1, 2], data: { phone: mobile() } } : {},
		stateAfter: full ? { review: { edu: 'done' } } : 'submitted'
	};
	if (full) Object.assign(e, { branch: 'edu', comment: '材料齐全' });
	return e;
}

export interface CaseOptions {
	id?: string;
	applicantId?: string;
	status?: CaseRecord['status'];
	createdAt?: string;
	deferredDueAt?: string;
	events?: number;
}

export function caseRecord(o: CaseOptions = {}): CaseRecord {
	const id = o.id ?? uid('case');
	const events = Array.from({ length: o.events ?? 1 }, (_, i) => event(i + 1, i % 2 === 1));
	const c: CaseRecord = {
		id,
		receiptNumber: `R-${id}`,
		version: events.length,
		service: { kind: 'item', id: 'school-a', name: '民办学校设立' },
		pins: [{ kind: 'item', id: 'school-a', version: 3, hash: 'abc123' }],
		applicantId: o.applicantId ?? uid('applicant'),
		status: o.status ?? 'active',
		state: caseState(o.deferredDueAt),
		createdAt: o.createdAt ?? iso(0),
		updatedAt: o.createdAt ?? iso(0),
		events
	};
	if (o.deferredDueAt) c.deferredDueAt = o.deferredDueAt;
	return c;
}

export function task(c: Pick<CaseRecord, 'id' | 'version' | 'receiptNumber' | 'service'>, o: Partial<Task> = {}): Task {
	return {
		id: uid('task'),
		caseId: c.id,
		caseVersion: c.version,
		serviceId: c.service.id,
		receiptNumber: c.receiptNumber,
		statePath: 'review.edu.review',
		role: 'reviewer',
		department: 'edu',
		label: '审查',
		events: ['PASS', 'RETURN'],
		enteredAt: iso(2),
		...o
	};
}

export const fullTask = (c: CaseRecord, o: Partial<Task> = {}): Task =>
	task(c, { branch: 'edu', dueAt: iso(100), limitDueAt: iso(200), claimedBy: 'staff-1', claimedAt: iso(3), verification: false, ...o });

export function outbox(o: Partial<OutboxMessage> = {}): OutboxMessage {
	const payload = { text: '已受理' };
	return { id: uid('msg'), at: iso(0), channel: 'notification', topic: 'case.accepted', payload, status: 'pending', attempts: 0, nextAttemptAt: iso(0), ...o };
}

export const audit = (o: Partial<AuditEntry> = {}): AuditEntry => ({ id: uid('audit'), at: iso(0), actorId: 'staff-1', action: 'case.view', ...o });

export function licence(o: Partial<Licence> = {}): Licence {
	return {
		id: uid('lic'),
		number: 'L-001',
		type: 'school',
		name: '办学许可证',
		holderId: uid('holder'),
		holderName: '某学校',
		issuer: '教育局',
		issuedAt: iso(10),
		data: { scope: ['小学'], seats: 300 },
		...o
	};
}

export function rating(caseId: string, o: Partial<Rating> = {}): Rating {
	return {
		id: uid('rating'),
		caseId,
		applicantId: 'citizen-1',
		grade: 5,
		aspects: { attitude: 5, efficiency: 4, quality: 5 },
		createdAt: iso(50),
		...o
	};
}
