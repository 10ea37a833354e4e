// A case's status labels, free of the workflow engine so list pages can show them without xstate.
import type { CaseRecord } from '../store';

export const CASE_STATUS: Record<CaseRecord['status'], string> = {
	active: '办理中',
	closed: '已办结',
	rejected: '不予受理',
	denied: '不予许可',
	withdrawn: '已撤回',
	terminated: '已终止'
};
