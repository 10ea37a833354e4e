// 好差评 labels, zod-free and server-free so the portal's rating form and the workbench lists can show them.
import type { FollowUpStatus, FollowUpStepKind, RatingGrade } from './store';

export const GRADE_LABELS: Record<RatingGrade, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' };
export const ASPECT_LABELS = { attitude: '服务态度', efficiency: '办事效率', quality: '服务质量' } as const;
export const STEP_LABELS: Record<FollowUpStepKind, string> = { callback: '回访', verification: '核实', rectification: '整改', outcome: '反馈结果' };
export const FOLLOW_UP_STATUS_LABELS: Record<FollowUpStatus, string> = {
	open: '待回访',
	calledBack: '已回访',
	verified: '已核实',
	rectifying: '整改中',
	closed: '已办结'
};
