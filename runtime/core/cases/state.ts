// The typed case state: what the machine decides (value, context) and what effects record (results, verifications).
import { z } from 'zod';
import { Problem, ProvidedMaterial } from './events';
import { Intake } from './intake';
import { PostalAddress } from './delivery';

const Json: z.ZodType<unknown> = z.unknown();
export const StateValue = z.union([z.string(), z.record(z.string(), Json)]);

export const Answers = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
export type Answers = z.infer<typeof Answers>;

export const Correction = z.strictObject({
	at: z.string(),
	by: z.string(),
	branch: z.string().optional(),
	statePath: z.string(),
	problems: z.array(Problem),
	resolvedAt: z.string().optional()
});
export type Correction = z.infer<typeof Correction>;

export const PendingMaterial = z.strictObject({ material: z.string(), dueAt: z.string() });
export type PendingMaterial = z.infer<typeof PendingMaterial>;

export const Outcome = z.enum(['approved', 'denied']);

/** The machine's context: everything events change, each change an xstate assign. */
export const CaseContext = z.strictObject({
	answers: Answers,
	data: z.record(z.string(), Json),
	materials: z.record(z.string(), ProvidedMaterial),
	/** material ids replaced by a signed commitment (告知承诺) */
	commitments: z.array(z.string()),
	/** 容缺 materials still to supply */
	pending: z.array(PendingMaterial),
	/** bundle branch (member item id) → outcome */
	outcomes: z.record(z.string(), Outcome),
	/** why a branch ended without a decision of its own (a prerequisite member denied) */
	outcomeReasons: z.record(z.string(), z.string()),
	corrections: z.array(Correction),
	delivery: z
		.strictObject({
			method: z.enum(['window', 'post', 'online']),
			/** the applicant's postal address for 邮寄, given at application */
			address: PostalAddress.optional(),
			trackingNumber: z.string().optional(),
			/** 异地代收: the results go back to the centre that received the application */
			returnTo: z.strictObject({ department: z.string(), name: z.string() }).optional()
		})
		.optional(),
	/** set when the platform ended the case (容缺 material not supplied in time) */
	terminated: z.string().optional()
});
export type CaseContext = z.infer<typeof CaseContext>;

export const Licence = z.strictObject({
	id: z.string(),
	number: z.string(),
	type: z.string(),
	name: z.string(),
	holderId: z.string(),
	holderName: z.string(),
	issuer: z.string(),
	issuedAt: z.string(),
	validUntil: z.string().optional(),
	caseId: z.string().optional(),
	data: z.record(z.string(), Json),
	revokedAt: z.string().optional(),
	revokedReason: z.string().optional()
});

export type Licence = z.infer<typeof Licence>;

export const IssuedResult = z.strictObject({
	item: z.string(),
	name: z.string(),
	type: z.string(),
	number: z.string(),
	issuer: z.string(),
	issuedAt: z.string(),
	licence: Licence.optional()
});
export type IssuedResult = z.infer<typeof IssuedResult>;

export const Verification = z.strictObject({
	id: z.string(),
	material: z.string(),
	materialName: z.string(),
	item: z.string(),
	department: z.string(),
	method: z.string(),
	dueAt: z.string(),
	status: z.enum(['open', 'confirmed', 'false']),
	note: z.string().optional(),
	by: z.string().optional(),
	at: z.string().optional()
});
export type Verification = z.infer<typeof Verification>;

/** 征求意见 / 会签: a colleague or another department asked for an opinion on the case; it never moves the workflow. */
export const Consultation = z.strictObject({
	id: z.string(),
	askedBy: z.strictObject({ id: z.string(), name: z.string(), department: z.string().optional() }),
	/** the department asked, or one named officer of it (`account`); `name` is how pages name the addressee */
	to: z.strictObject({ department: z.string(), account: z.string().optional(), name: z.string() }),
	question: z.string(),
	askedAt: z.string(),
	/** working days from askedAt (the working-day clock) */
	dueAt: z.string(),
	answer: z.string().optional(),
	answeredBy: z.strictObject({ id: z.string(), name: z.string() }).optional(),
	answeredAt: z.string().optional()
});
export type Consultation = z.infer<typeof Consultation>;

export const MachineState = z.strictObject({ value: StateValue, status: z.enum(['active', 'done']), context: CaseContext });
export type MachineState = z.infer<typeof MachineState>;

/**
 * 受理: the 受理编号 given when the front desk accepted, or when the 5-working-day timer deemed the case accepted (视为受理);
 * `at` is the day of 受理 in law (a deemed one: the day the application was received)
 */
export const Acceptance = z.strictObject({ number: z.string(), at: z.string(), deemed: z.literal(true).optional() });
export type Acceptance = z.infer<typeof Acceptance>;

export const CaseState = z.strictObject({
	/** where the machine stands; rebuilt exactly by replaying the log from `initial` */
	machine: MachineState,
	initial: MachineState,
	/** per parallel branch: the seq of the last event that moved it (the branch's version) */
	branchVersions: z.record(z.string(), z.number().int()),
	results: z.array(IssuedResult),
	verifications: z.array(Verification),
	/** 征求意见 asked on this case (absent on cases stored before they existed) */
	consultations: z.array(Consultation).optional(),
	/** 窗口收件 / 帮办代办: who filed it at which centre, with the citizen's authorisation; absent for online applications */
	intake: Intake.optional(),
	/** absent until accepted, and on cases stored before 收件 and 受理 were numbered apart (their receiptNumber is both) */
	acceptance: Acceptance.optional()
});
export type CaseState = z.infer<typeof CaseState>;
