// The portal's error words from the message catalogue (messages/*.json), in the page's language: imported by the
// server hook and by the browser's form checks, so both name problems alike.
import { useErrorText } from '$core/error-text';
import { m } from '$lib/paraglide/messages';

useErrorText({
	required: m.err_required,
	minLength: m.err_min_length,
	maxLength: m.err_max_length,
	pattern: m.err_pattern,
	minimum: m.err_minimum,
	maximum: m.err_maximum,
	exclusiveMinimum: m.err_exclusive_minimum,
	exclusiveMaximum: m.err_exclusive_maximum,
	multipleOf: m.err_multiple_of,
	option: m.err_option,
	minItems: m.err_min_items,
	maxItems: m.err_max_items,
	uniqueItems: m.err_unique_items,
	number: m.err_number,
	type: m.err_type,
	extraField: m.err_extra_field,
	invalid: m.err_invalid,
	notObject: m.err_not_object,
	form: m.err_form,
	formats: {
		'id-number': m.err_format_id_number,
		phone: m.err_format_phone,
		'credit-code': m.err_format_credit_code,
		postcode: m.err_format_postcode,
		'file-id': m.err_format_file_id,
		date: m.err_format_date,
		email: m.err_format_email,
		uri: m.err_format_uri
	},
	fieldError: m.err_field,
	materialNoSource: m.err_material_no_source,
	materialNoFile: m.err_material_no_file,
	materialUnsigned: m.err_material_unsigned,
	materialNoLicence: m.err_material_no_licence,
	licenceConsent: m.err_licence_consent,
	answerMissing: m.err_answer_missing
});
