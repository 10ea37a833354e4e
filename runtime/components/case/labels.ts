import type { ComposedMaterial } from '$core/compose';
import type { Form } from '$core/model';

/** The Chinese name of a 补正 target: the field's title or the material's name. */
export function targetLabel(target: { kind: 'field' | 'material'; id: string }, form: Form, materials: ComposedMaterial[]): string {
	if (target.kind === 'material') return materials.find((m) => m.id === target.id)?.name ?? target.id;
	return (form.schema.properties[target.id] as { title?: string } | undefined)?.title ?? target.id;
}

export const dateTime = (iso?: string) =>
	iso
		? new Date(iso).toLocaleString('zh-CN', {
				year: 'numeric',
				month: '2-digit',
				day: '2-digit',
				hour: '2-digit',
				minute: '2-digit',
				hour12: false,
				timeZone: 'Asia/Shanghai'
			})
		: '';
export const dateOnly = (iso?: string) =>
	iso ? new Date(iso).toLocaleDateString('zh-CN', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Asia/Shanghai' }) : '';
/** A deadline shown as the last day still in time (deadlines end at midnight, the start of the next day). */
export const dueDate = (iso?: string) => (iso ? dateOnly(new Date(Date.parse(iso) - 1).toISOString()) : '');
