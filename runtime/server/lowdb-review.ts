// Reviewers' material marks and departments' opinion templates in the lowdb store; each write commits with its audit entry.
import { ConflictError, type AuditEntry, type MaterialMark, type OpinionTemplate, type Store } from '../core/store';
import { cmp, LIMITS } from './store-common';

const norm = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const copy = <T>(v: T): T => (v === undefined ? v : structuredClone(v));

interface Collections {
	materialMarks: MaterialMark[];
	opinionTemplates: Record<string, OpinionTemplate>;
	audit: AuditEntry[];
}
/** a unit of work of the lowdb store: reads see its staged writes */
interface Unit {
	read<K extends keyof Collections>(k: K): Collections[K];
	write<K extends keyof Collections>(k: K): Collections[K];
}
type Run = <T>(fn: (u: Unit) => T | Promise<T>) => Promise<T>;

const templateOrder = (a: OpinionTemplate, b: OpinionTemplate) =>
	(a.step === undefined ? (b.step === undefined ? 0 : -1) : b.step === undefined ? 1 : cmp(a.step, b.step)) || cmp(a.title, b.title) || cmp(a.id, b.id);

const changedOrGone = (id: string, current: OpinionTemplate | undefined) =>
	new ConflictError(current ? `常用意见「${current.title}」已被他人修改（第 ${current.rev} 版），请刷新后重试` : `常用意见 ${id} 不存在`, copy(current));

/** `data` is the committed state; `run` is the store's one writer queue. */
export function lowdbReview(data: Collections, run: Run): Pick<Store, 'materialMarks' | 'opinionTemplates'> {
	return {
		materialMarks: {
			add: (mark, audit) =>
				run((u) => {
					if (u.read('materialMarks').some((m) => m.id === mark.id)) throw new ConflictError(`标记 ${mark.id} 已存在`);
					u.write('materialMarks').push(norm(mark));
					u.write('audit').push(norm(audit));
				}),
			forCase: async (caseId) =>
				copy(
					data.materialMarks
						.filter((m) => m.caseId === caseId)
						.sort((a, b) => cmp(a.at, b.at))
						.slice(0, LIMITS.list)
				)
		},
		opinionTemplates: {
			get: async (id) => copy(data.opinionTemplates[id]),
			list: async (department) =>
				copy(
					Object.values(data.opinionTemplates)
						.filter((t) => t.department === department)
						.sort(templateOrder)
						.slice(0, LIMITS.list)
				),
			put: (t, expectedRev, audit) =>
				run((u) => {
					const current = u.read('opinionTemplates')[t.id];
					if ((current?.rev ?? 0) !== expectedRev || (expectedRev === 0 && current)) throw changedOrGone(t.id, current);
					const stored = norm({ ...t, rev: expectedRev + 1 });
					u.write('opinionTemplates')[t.id] = stored;
					u.write('audit').push(norm(audit));
					return copy(stored);
				}),
			delete: (id, expectedRev, audit) =>
				run((u) => {
					const current = u.read('opinionTemplates')[id];
					if (!current || current.rev !== expectedRev) throw changedOrGone(id, current);
					delete u.write('opinionTemplates')[id];
					u.write('audit').push(norm(audit));
				})
		}
	};
}
