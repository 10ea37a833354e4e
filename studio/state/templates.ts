// Starting points for a new item: the standard elements to fill and a standard procedure.
type Json = Record<string, any>;
import { WORKFLOW_TEMPLATES } from './workflow-templates';
import type { WorkflowWording } from '$core/model/dictionaries';
import { wordingFor } from '$core/workflow/vocabulary';

/** A new item is a 公共服务 until its type is chosen; its procedure is worded so (workflow-vocabulary.json). */
export function newItem(opts: {
	id: string;
	name: string;
	department: string;
	caseType: 'immediate' | 'promised';
	vocabulary?: readonly WorkflowWording[];
}): Json {
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
		workflow: WORKFLOW_TEMPLATES[opts.caseType].make(opts.id, [], {}, undefined, wordingFor(opts.vocabulary, 'publicService'))
	};
}
