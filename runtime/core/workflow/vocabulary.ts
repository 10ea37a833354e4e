// A decision's words by 事项类型, read from the one dictionary (definitions/dictionaries/workflow-vocabulary.json):
// workflow templates, the designer and the workbench's action labels all ask here.
import type { WorkflowWording } from '../model/dictionaries';
import { EVENT_LABELS } from '../cases/events/labels';

export interface Wording {
	approve: string;
	deny: string;
	decision: string;
}
/** for an item type the dictionary does not list: the events' own labels */
export const DEFAULT_WORDING: Wording = { approve: EVENT_LABELS.APPROVE, deny: EVENT_LABELS.DENY, decision: '审批决定' };

export function wordingFor(vocabulary: readonly WorkflowWording[] | undefined, itemType: string | undefined): Wording {
	const w = vocabulary?.find((x) => x.itemType === itemType);
	return w ? { approve: w.approve, deny: w.deny, decision: w.decision } : DEFAULT_WORDING;
}

/** An event's label in an item's words: APPROVE and DENY follow the item type, the others are the same for all. */
export function eventLabelIn(wording: Wording, type: string): string {
	if (type === 'APPROVE') return wording.approve;
	if (type === 'DENY') return wording.deny;
	return EVENT_LABELS[type as keyof typeof EVENT_LABELS] ?? type;
}

/** A final outcome's label in an item's words. */
export function outcomeLabelIn(wording: Wording, outcome: string): string {
	const fixed: Record<string, string> = { closed: '办结', rejected: '不予受理', withdrawn: '已撤回' };
	return outcome === 'approved' ? wording.approve : outcome === 'denied' ? wording.deny : (fixed[outcome] ?? outcome);
}
