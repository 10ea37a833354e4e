// rjsf with its ajv8 validator (Chinese messages from ajv-i18n) on React: the form from tests/bench/peer-forms.ts.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import Form from '@rjsf/core';
import { customizeValidator } from '@rjsf/validator-ajv8';
import localizeZh from 'ajv-i18n/localize/zh';
import form from 'virtual:peer-form';

const customFormats = Object.fromEntries(Object.entries(form.formats).map(([name, source]) => [name, new RegExp(source)]));
const validator = customizeValidator({ customFormats }, localizeZh);
const submit = ({ formData }) => fetch('/api/submit', { method: 'POST', body: JSON.stringify(formData) });

createRoot(document.getElementById('app')).render(createElement(Form, { schema: form.schema, uiSchema: form.uiSchema, validator, onSubmit: submit }));
