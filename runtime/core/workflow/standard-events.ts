/** Events whose form carries the step's review standards (审查标准), ticked by the officer. */
export const STANDARD_EVENTS: ReadonlySet<string> = new Set(['PASS', 'APPROVE', 'DENY']);
/** Of those, the ones that go forward: every required standard must be met. */
export const FORWARD_EVENTS: ReadonlySet<string> = new Set(['PASS', 'APPROVE']);
