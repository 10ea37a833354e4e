// SurveyJS with its framework-free UI (survey-js-ui, Preact inside) and Chinese strings: the form from tests/bench/peer-forms.ts.
import { Model } from 'survey-core';
import 'survey-core/i18n/simplified-chinese';
import { renderSurvey } from 'survey-js-ui';
import form from 'virtual:peer-form';

const model = new Model(form);
model.onComplete.add((survey) => fetch('/api/submit', { method: 'POST', body: JSON.stringify(survey.data) }));
renderSurvey(model, document.getElementById('app'));
