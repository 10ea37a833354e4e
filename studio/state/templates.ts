// Starting points for a new item: the standard elements to fill and a standard procedure.
type Json = Record<string, any>;
const CENTER = 'qz-zwfw';
const finals = {
	closed: { type: 'final', meta: { label: '办结', outcome: 'closed' } },
	rejected: { type: 'final', meta: { label: '不予受理', outcome: 'rejected' } },
	denied: { type: 'final', meta: { label: '不予许可', outcome: 'denied' } },
	withdrawn: { type: 'final', meta: { label: '已撤回', outcome: 'withdrawn' } }
};
const intake = (acceptTo: string) => ({
	intake: { meta: { label: '综合受理', role: 'frontDesk', department: CENTER, phase: 'intake', budgetDays: 0.5 }, on: { ACCEPT: acceptTo, REJECT: 'rejected', REQUEST_CORRECTION: 'correcting', WITHDRAW: 'withdrawn' } },
	correcting: { meta: { label: '申请人补正', role: 'applicant', phase: 'intake', pausesClock: true, pauseKind: 'correction' }, on: { RESUBMIT: 'intake', WITHDRAW: 'withdrawn' } }
});
const issuing = { issuing: { meta: { label: '统一出件', role: 'issuer', department: CENTER, phase: 'issue', budgetDays: 0.5 }, on: { ISSUE: { target: 'closed', guard: 'noPendingMaterials', actions: ['issueResult'] } } } };

export const WORKFLOW_TEMPLATES = {
	promised: {
		label: '承诺件（受理 → 审查 → 决定 → 出件）',
		make: (id: string) => ({
			id,
			initial: 'intake',
			states: {
				...intake('review'),
				review: { meta: { label: '部门审查', role: 'reviewer', phase: 'review', budgetDays: 1 }, on: { PASS: 'decision', REQUEST_CORRECTION: 'reviewCorrecting', DENY: 'denied' } },
				reviewCorrecting: { meta: { label: '审查补正', role: 'applicant', phase: 'review', pausesClock: true, pauseKind: 'correction' }, on: { RESUBMIT: 'review', WITHDRAW: 'withdrawn' } },
				decision: { meta: { label: '审批决定', role: 'decider', phase: 'review', budgetDays: 1 }, on: { APPROVE: 'issuing', DENY: 'denied', RETURN: 'review' } },
				...issuing,
				...finals
			}
		})
	},
	immediate: {
		label: '即办件（受理即办结）',
		make: (id: string) => {
			const { denied: _d, ...rest } = finals;
			return { id, initial: 'intake', states: { ...intake('issuing'), ...issuing, ...rest } };
		}
	}
} as const;

export function newItem(opts: { id: string; name: string; department: string; caseType: 'immediate' | 'promised' }): Json {
	return {
		$schema: '../schemas/item.schema.json',
		id: opts.id,
		basicCode: '',
		implementationCode: '',
		name: opts.name,
		keywords: [],
		type: 'publicService',
		powerSource: 'statutory',
		legalBasis: [{ title: '', article: '' }],
		department: opts.department,
		level: 'city',
		region: '350500',
		serviceObjects: ['citizen'],
		acceptanceConditions: [''],
		caseType: opts.caseType,
		legalLimitDays: opts.caseType === 'immediate' ? 1 : 20,
		promisedLimitDays: opts.caseType === 'immediate' ? 0 : 5,
		visits: 0,
		onlineDepth: 4,
		fees: { free: true },
		consultPhone: '',
		complaintPhone: '12345',
		locations: [{ name: '泉州市行政服务中心', address: '泉州市丰泽区东海街道通港西街', hours: '周一至周五 8:30-12:00，14:30-17:30' }],
		specialProcedures: [],
		result: { type: 'certificate', name: '', electronicLicence: false },
		discretion: 'encouraged',
		inspectionChecklist: [],
		intermediaryServices: [],
		delivery: ['online'],
		situations: [],
		form: { schema: { type: 'object', properties: {}, required: [] }, uiSchema: { 'ui:order': [] }, fields: {} },
		materials: [],
		workflow: WORKFLOW_TEMPLATES[opts.caseType].make(opts.id)
	};
}
