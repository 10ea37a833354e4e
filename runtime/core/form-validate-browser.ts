// Browser-side form validation: the same checks and Chinese messages as the server (form-validate.ts), through an
// interpreter instead of ajv's compiled code, so it runs under a CSP without 'unsafe-eval'. The server stays authoritative.
import type { Form } from './model/form';
import { validateFormWith, type FormValidation } from './form-rules';
import { interpret } from './schema/interpret';

export type { FieldError } from './form-rules';

export function validateForm(form: Form, data: unknown, answers: Record<string, unknown> = {}): FormValidation {
	return validateFormWith(interpret, form, data, answers);
}
