// Asking before a destructive edit: the editor page says which definition is being edited, any editor asks about a target.
import { deleteQuestion, type Target } from './dependents';
type Json = Record<string, any>;

export interface Question {
	title: string;
	dependants: string[];
}

class Confirmer {
	open = $state<Question | undefined>();
	/** the definition being edited (set by the editor page) */
	source: () => Json = () => ({});
	private resolve?: (ok: boolean) => void;

	ask(q: Question): Promise<boolean> {
		this.resolve?.(false);
		this.open = q;
		return new Promise((resolve) => (this.resolve = resolve));
	}
	answer(ok: boolean) {
		this.open = undefined;
		this.resolve?.(ok);
		this.resolve = undefined;
	}
}

export const confirmer = new Confirmer();

/** True when the target may be deleted: nothing depends on it, or the administrator said yes having seen what does. */
export async function confirmDelete(target: Target, def: Json = confirmer.source()): Promise<boolean> {
	const q = deleteQuestion(def, target);
	return q ? confirmer.ask(q) : true;
}
