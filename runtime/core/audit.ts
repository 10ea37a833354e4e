import { randomUUID } from 'node:crypto';
import type { AuditEntry } from './store';

/** One audit entry: who did what, when, to which case. */
export function auditEntry(at: string, actorId: string, action: string, caseId?: string, detail?: Record<string, unknown>): AuditEntry {
	return { id: randomUUID(), at, actorId, action, ...(caseId ? { caseId } : {}), ...(detail ? { detail } : {}) };
}
