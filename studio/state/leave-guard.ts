// Leaving an editor with edits not yet on the server: they are saved first; when that fails, the administrator is asked.
// Call during component initialisation (it registers SvelteKit's beforeNavigate, which also covers closing the tab).
import { beforeNavigate, goto } from '$app/navigation';
import { SAVE_STATE_LABEL, type Publisher } from './publisher.svelte';

export function guardLeaving(publisher: Publisher) {
	let leaving = false;
	beforeNavigate((nav) => {
		if (leaving || publisher.saveState === 'saved') return;
		nav.cancel();
		// closing the tab or typing an address: the browser asks; the save is sent all the same
		if (nav.type === 'leave') return void publisher.flush(true);
		const to = nav.to?.url;
		void publisher.flush().then((ok) => {
			if (!ok && !confirm(`有未保存的修改（${publisher.saveError ?? SAVE_STATE_LABEL[publisher.saveState]}），离开将丢失这些修改。仍要离开吗？`)) return;
			leaving = true;
			if (to) void goto(to);
		});
	});
}
