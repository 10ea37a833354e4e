// 好差评 grades and aspects in the page's language (the workbench keeps $core/rating-labels' Chinese).
import { m } from '$lib/paraglide/messages';

export const ASPECTS = ['attitude', 'efficiency', 'quality'] as const;
const ASPECT: Record<(typeof ASPECTS)[number], () => string> = { attitude: m.rating_attitude, efficiency: m.rating_efficiency, quality: m.rating_quality };
const GRADE: Record<number, () => string> = { 5: m.rating_5, 4: m.rating_4, 3: m.rating_3, 2: m.rating_2, 1: m.rating_1 };

export const aspectLabel = (k: (typeof ASPECTS)[number]) => ASPECT[k]();
export const gradeLabel = (g: unknown) => GRADE[Number(g)]?.() ?? String(g);
