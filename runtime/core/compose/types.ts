import type { ComposedGuide } from './guide';
import type { ServiceFacts } from './facts';
import type { Bundle, Condition, Form, Item, Material, Situation, StepAccess, Workflow } from '../model';
import type { Pin } from '../store';

export interface Versioned<T> {
	definition: T;
	version: number;
	hash: string;
}

export type ServiceSource = { kind: 'item'; item: Versioned<Item> } | { kind: 'bundle'; bundle: Versioned<Bundle>; items: Versioned<Item>[] };

/** A member item as composed: `key` scopes its answers, fields and branch. */
export interface Member {
	item: Item;
	included: boolean;
	/** answer lookup: item question id → composed answer key */
	answerKey: (id: string) => string;
	/** item field name (first path segment) → composed field name */
	fieldName: (name: string) => string;
}

export interface ComposedQuestion extends Situation {
	/** composed answer key */
	key: string;
	origins: string[];
}

export interface Conflict {
	kind: 'field' | 'material';
	target: string;
	items: string[];
	message: string;
}

export interface ComposedMaterial extends Omit<Material, 'required'> {
	origins: { item: string; itemName: string; material: string }[];
	/** 'always' | 'optional' once situations are known; a condition when it depends on form fields */
	required: 'always' | 'optional' | { when: Condition };
}

/** A material one member needs that another member of the same bundle issues (共享, 免提交). */
export interface SharedInBundle {
	material: string;
	name: string;
	item: string;
	licenceType: string;
	producedBy: string;
	producedByName: string;
}

export interface ComposedService {
	kind: 'item' | 'bundle';
	id: string;
	name: string;
	pins: Pin[];
	/** 一份指南 for the members this application includes */
	guide: ComposedGuide;
	questions: ComposedQuestion[];
	members: { item: string; name: string; department: string; included: boolean; promisedLimitDays: number; legalLimitDays: number }[];
	/** what the applicant fills */
	form: Form;
	/** fields staff complete at their steps (字段权限 complete), never asked of the applicant */
	staffForm: Form;
	/** 字段权限 by state path, in composed names; a step without one lets its role read everything */
	access: Record<string, StepAccess>;
	fieldOrigins: Record<string, { items: string[]; semanticKey?: string }>;
	/** per member item: its own field names (top level) and situation ids → the composed ones (certificate mappings read these) */
	names: Record<string, { fields: Record<string, string>; answers: Record<string, string> }>;
	materials: ComposedMaterial[];
	sharedInBundle: SharedInBundle[];
	conflicts: Conflict[];
	workflow: Workflow;
	limits: { promisedDays: number; legalDays: number; sequentialDays: number };
	/** fields typed once / materials asked once instead of N times */
	savings: { fieldsMerged: number; materialsMerged: number; materialsShared: number };
	/** what the citizen texts and the reform figures say: reviewing departments once each, shared materials once, the counts */
	facts: ServiceFacts;
}
