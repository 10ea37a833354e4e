import type { CaseContext } from '../state';
import type { ProvidedMaterial } from './common';

/** Materials now provided leave the 容缺 list; one given by commitment is verified after the decision like the others. */
export function settleProvided(ctx: CaseContext, provided: Record<string, ProvidedMaterial>): Pick<CaseContext, 'pending' | 'commitments'> {
	const given = Object.entries(provided).filter(([, p]) => p.source !== 'deferred');
	const commitments = new Set(ctx.commitments);
	for (const [id, p] of given) if (p.source === 'commitment') commitments.add(id);
	return { pending: ctx.pending.filter((p) => !given.some(([id]) => id === p.material)), commitments: [...commitments] };
}
