// form.io's renderer without its form builder (@formio/js/form): the form from tests/bench/peer-forms.ts.
import { Formio } from '@formio/js/form';
import form from 'virtual:peer-form';

Formio.createForm(document.getElementById('app'), form).then((instance) => {
	instance.on('submit', (submission) => fetch('/api/submit', { method: 'POST', body: JSON.stringify(submission.data) }));
});
