// The authorisation matrix: every endpoint (read from the route files at run time) × anonymous, citizen A, citizen B,
// the front desk, a reviewer of a department the case does not involve, and the administrator, against real objects
// of A (a case, an uploaded file, a draft, a licence). Each cell's status is checked against the table below, no
// response is a 5xx, and nobody outside the case ever receives A's data. Needs `npx vite build` first.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Client, writeFixtureCatalog } from './helpers/server';
import { useServer } from './helpers/use-server';
import { routeEndpoints } from './helpers/route-inventory';
import { bonusSubmission } from './fixtures/catalog';

// the studio's item page reads the JSON Schemas next to the catalog
const catalog = writeFixtureCatalog();
cpSync('definitions/schemas', join(catalog, 'schemas'), { recursive: true });
const server = useServer({
	definitionsDir: catalog,
	testClock: true,
	env: { LOGIN_MAX_FAILURES_PER_ADDRESS: '1000', TRACK_MAX_FAILURES_PER_RECEIPT: '1000', TRACK_MAX_FAILURES_PER_ADDRESS: '1000' }
});

type Role = 'anon' | 'A' | 'B' | 'desk' | 'other' | 'admin';
/** ok: authorised (2xx/3xx, or a 4xx about the content: 400/409/422); login: a page's 303 to /login */
type Outcome = 'ok' | 'login' | 401 | 403 | 404;
type Expect = Record<Role, Outcome>;
// A runs last, so what A's own calls change (a deleted draft) cannot hide what the others would have seen
const ROLES: Role[] = ['anon', 'B', 'desk', 'other', 'admin', 'A'];
/** roles that may never see A's case, file, draft or licence */
const OUTSIDERS: Role[] = ['anon', 'B', 'other'];
const USERS: Record<Exclude<Role, 'anon'>, string> = { A: 'zhangsan', B: 'lisi', desk: 'center-frontdesk', other: 'eth-reviewer', admin: 'admin' };

interface Objects {
	caseId: string;
	fileId: string;
	taskId: string;
	licenceId: string;
	catalogFile: string;
}
interface Row {
	key: string;
	path: (o: Objects) => string;
	body?: (o: Objects) => unknown;
	/** a page form post (fields) */
	form?: (o: Objects) => Record<string, string>;
	/** the call ends the caller's session: made with a session of its own */
	fresh?: boolean;
	expect: Expect;
}

const all = (o: Outcome): Expect => ({ anon: o, A: o, B: o, desk: o, other: o, admin: o });
const signedIn: Expect = { ...all('ok'), anon: 401 };
const adminOnly: Expect = { ...all(403), anon: 401, admin: 'ok' };
const adminPage: Expect = { ...all(403), anon: 'login', admin: 'ok' };
const applicantPage: Expect = { ...all(403), anon: 'login', A: 'ok', B: 'ok' };
/** A's case as an API resource: A, the involved front desk and the administrator */
const caseApi: Expect = { anon: 401, A: 'ok', B: 403, desk: 'ok', other: 403, admin: 'ok' };
/** A's case in the portal: only A */
const ownCasePage: Expect = { ...all(403), anon: 'login', A: 'ok' };
/** the front desk of a service centre only (窗口收件 / 帮办代办) */
const windowApi: Expect = { ...all(403), anon: 401, desk: 'ok' };
const windowPage: Expect = { ...all(403), anon: 'login', desk: 'ok' };
/** 办件查询 with a 受理编号 no case has and A's ID number: the same 404 for everyone, nothing of A's */
const NO_SUCH_RECEIPT = { receiptNumber: 'QZ20990101000001', identifier: '350502198506122344' };
/** A's case in the workbench: the involved department's staff and the administrator */
const workbenchCase: Expect = { ...all(403), anon: 'login', desk: 'ok', admin: 'ok' };

const SCHOOL = '矩阵测试第一中学';
const DRAFT_MARK = '草稿标记-甲-7731';
const FILE_NAME = 'matrix-secret-of-a.jpg';
const A_ID = '350502198506122344';
const stale = { version: 99 };

const ROWS: Row[] = [
	// public reading
	{ key: '/ GET', path: () => '/', expect: all('ok') },
	{ key: 'bundles/[id] GET', path: () => '/bundles/bonus-bundle', expect: all('ok') },
	{ key: 'figures GET', path: () => '/figures', expect: all('ok') },
	{ key: 'items/[id] GET', path: () => '/items/edu-confirm', expect: all('ok') },
	{ key: 'api/bundles GET', path: () => '/api/bundles', expect: all('ok') },
	{ key: 'api/bundles/[id] GET', path: () => '/api/bundles/bonus-bundle', expect: all('ok') },
	{ key: 'api/items GET', path: () => '/api/items', expect: all('ok') },
	// the API's OpenAPI document and its reference page
	{ key: 'api/openapi.json GET', path: () => '/api/openapi.json', expect: all('ok') },
	{ key: 'api/docs GET', path: () => '/api/docs', expect: all('ok') },
	{ key: 'api/items/[code] GET', path: () => '/api/items/edu-confirm', expect: all('ok') },
	{ key: 'api/compose POST', path: () => '/api/compose', body: () => ({ service: { kind: 'bundle', id: 'bonus-bundle' } }), expect: all('ok') },
	{ key: 'catalog-files/[name] GET', path: (o) => `/catalog-files/${o.catalogFile}`, expect: all('ok') },
	// sessions
	{ key: 'api/session POST', path: () => '/api/session', body: () => ({ username: 'wangwu', password: 'demo123' }), expect: all('ok') },
	{ key: 'api/session GET', path: () => '/api/session', expect: signedIn },
	{ key: 'api/session DELETE', path: () => '/api/session', fresh: true, expect: all('ok') },
	{ key: 'login POST', path: () => '/login', form: () => ({ username: 'wangwu', password: 'demo123' }), expect: all('ok') },
	{ key: 'logout POST', path: () => '/logout', form: () => ({}), fresh: true, expect: all('ok') },
	{ key: 'login GET', path: () => '/login', expect: all('ok') },
	// OpenID Connect sign-in: not configured on this server (tests/unit/oidc.test.ts runs it against a real provider)
	{ key: 'login/oidc GET', path: () => '/login/oidc', expect: all(404) },
	{ key: 'login/oidc/callback GET', path: () => '/login/oidc/callback?code=x&state=y', expect: all(404) },
	// 大字模式: anyone may switch the text size (a cookie, no account data)
	{ key: 'text-size GET', path: () => '/text-size', expect: all('ok') },
	{ key: 'text-size POST', path: () => '/text-size', form: () => ({ size: 'large', next: '/' }), expect: all('ok') },
	// 中文 / English: anyone may switch the portal's language (a cookie, no account data)
	{ key: 'language GET', path: () => '/language', expect: all('ok') },
	{ key: 'language POST', path: () => '/language', form: () => ({ lang: 'en', next: '/' }), expect: all('ok') },
	{ key: 'api/accounts/[account]/sessions DELETE', path: () => '/api/accounts/wangwu/sessions', expect: adminOnly },
	{ key: 'api/accounts/[account]/totp DELETE', path: () => '/api/accounts/wangwu/totp', expect: adminOnly },
	// the caller's own account: two-factor enrolment, standing consents, what the platform holds about them
	{ key: 'api/me/totp GET', path: () => '/api/me/totp', expect: signedIn },
	{ key: 'api/me/totp POST', path: () => '/api/me/totp', body: () => ({}), expect: signedIn },
	{ key: 'api/me/totp PUT', path: () => '/api/me/totp', body: () => ({ challenge: 'probe', code: '000000' }), expect: signedIn },
	{ key: 'api/me/consents/[kind] PUT', path: () => '/api/me/consents/licenceFetch', body: () => ({}), expect: signedIn },
	{ key: 'api/me/consents/[kind] DELETE', path: () => '/api/me/consents/licenceFetch', expect: signedIn },
	{ key: 'api/me/data GET', path: () => '/api/me/data', expect: signedIn },
	{ key: 'api/messages GET', path: () => '/api/messages', expect: signedIn },
	{ key: 'api/messages/read POST', path: () => '/api/messages/read', body: () => ({}), expect: signedIn },
	{ key: 'me/data GET', path: () => '/me/data', expect: { ...all('ok'), anon: 'login' } },
	{
		key: 'me/data POST ?/consent',
		path: () => '/me/data?/consent',
		form: () => ({ kind: 'licenceFetch', given: 'true' }),
		expect: { ...all('ok'), anon: 'login' }
	},
	// 消息中心: everyone signed in, their own messages only
	{ key: 'messages GET', path: () => '/messages', expect: { ...all('ok'), anon: 'login' } },
	{ key: 'messages POST ?/read', path: () => '/messages?/read', form: () => ({}), expect: { ...all('ok'), anon: 'login' } },
	{ key: 'messages POST ?/prefs', path: () => '/messages?/prefs', form: () => ({ email: '' }), expect: { ...all('ok'), anon: 'login' } },
	{ key: 'workbench/notifications GET', path: () => '/workbench/notifications', expect: adminPage },
	{
		key: 'workbench/notifications POST ?/resend',
		path: () => '/workbench/notifications?/resend',
		form: () => ({ id: 'none' }),
		expect: { ...adminPage, admin: 404 }
	},
	{ key: 'api/test/clock POST', path: () => '/api/test/clock', body: () => ({ advanceHours: -1 }), expect: adminOnly },
	// definitions: reading is public, writing only for administrators
	{ key: 'api/bundles/[id] PUT', path: () => '/api/bundles/matrix-probe', body: () => ({ name: '探针' }), expect: adminOnly },
	{ key: 'api/bundles/[id]/publish POST', path: () => '/api/bundles/bonus-bundle/publish', body: () => ({ note: 1 }), expect: adminOnly },
	{ key: 'api/items/[code] PUT', path: () => '/api/items/matrix-probe', body: () => ({ name: '探针' }), expect: adminOnly },
	{ key: 'api/items/[code]/publish POST', path: () => '/api/items/edu-confirm/publish', body: () => ({ note: 1 }), expect: adminOnly },
	{ key: 'api/catalog-files POST', path: () => '/api/catalog-files?name=probe.pdf', body: () => '%PDF-1.4 probe', expect: adminOnly },
	{ key: 'studio GET', path: () => '/studio', expect: adminPage },
	{ key: 'studio/items/[id] GET', path: () => '/studio/items/edu-confirm', expect: adminPage },
	{ key: 'studio/bundles/[id] GET', path: () => '/studio/bundles/bonus-bundle', expect: adminPage },
	{ key: 'studio/export/[kind]/[id] GET', path: () => '/studio/export/item/edu-confirm', expect: { ...all(403), admin: 'ok' } },
	{ key: 'studio/consistency GET', path: () => '/studio/consistency', expect: adminPage },
	{ key: 'studio/consistency/csv GET', path: () => '/studio/consistency/csv?table=regions', expect: adminPage },
	// audit and ratings: administrators
	{ key: 'api/audit GET', path: () => '/api/audit', expect: adminOnly },
	{ key: 'workbench/audit GET', path: () => '/workbench/audit', expect: adminPage },
	{ key: 'api/audit/chain GET', path: () => '/api/audit/chain', expect: adminOnly },
	{ key: 'workbench/audit/chain GET', path: () => '/workbench/audit/chain', expect: adminPage },
	{ key: 'api/ratings GET', path: () => '/api/ratings', expect: adminOnly },
	{ key: 'api/ratings/[id]/follow-up POST', path: () => '/api/ratings/r-none/follow-up', body: () => ({}), expect: { ...adminOnly, admin: 404 } },
	{ key: 'workbench/ratings GET', path: () => '/workbench/ratings', expect: adminPage },
	{
		key: 'workbench/ratings POST ?/step',
		path: () => '/workbench/ratings?/step',
		form: () => ({ rating: 'r-none', kind: 'callback', note: '回访' }),
		expect: { ...adminPage, admin: 404 }
	},
	// 办不成事反映: citizens file and read their own; supervisors (none here) and administrators reply. 信用记录: own, or all for admins
	{ key: 'api/complaints GET', path: () => '/api/complaints', expect: { ...signedIn, desk: 403, other: 403 } },
	{ key: 'api/complaints POST', path: () => '/api/complaints', body: () => ({}), expect: { ...all(403), anon: 401, A: 'ok', B: 'ok' } },
	{
		key: 'api/complaints/[id]/reply POST',
		path: () => '/api/complaints/cp-none/reply',
		body: () => ({ text: '已核实并处理完毕' }),
		expect: { ...adminOnly, admin: 404 }
	},
	{ key: 'api/credit GET', path: () => '/api/credit', expect: signedIn },
	{ key: 'complaints GET', path: () => '/complaints', expect: applicantPage },
	{ key: 'complaints POST ?/create', path: () => '/complaints?/create', form: () => ({ subject: '' }), expect: applicantPage },
	{ key: 'me/credit GET', path: () => '/me/credit', expect: { ...all('ok'), anon: 'login' } },
	{ key: 'workbench/complaints GET', path: () => '/workbench/complaints', expect: adminPage },
	{
		key: 'workbench/complaints POST ?/reply',
		path: () => '/workbench/complaints?/reply',
		form: () => ({ complaint: 'cp-none', text: '已核实并处理完毕' }),
		expect: { ...adminPage, admin: 404 }
	},
	{ key: 'workbench/admin/credit GET', path: () => '/workbench/admin/credit', expect: adminPage },
	// A's case
	{ key: 'api/cases GET', path: () => '/api/cases', expect: signedIn },
	{
		key: 'api/cases POST',
		path: () => '/api/cases',
		body: () => ({ ...bonusSubmission, data: {} }),
		expect: { ...signedIn, desk: 403, other: 403, admin: 403 }
	},
	{ key: 'api/cases/[id] GET', path: (o) => `/api/cases/${o.caseId}`, expect: caseApi },
	// 办件查询 without signing in
	{ key: 'api/cases/track POST', path: () => '/api/cases/track', body: () => NO_SUCH_RECEIPT, expect: all(404) },
	{ key: 'track POST', path: () => '/track', form: () => NO_SUCH_RECEIPT, expect: all(404) },
	// 窗口收件 / 帮办代办: finding the citizen, a walk-in (an incomplete one here), the authorisation, ending a filing
	{ key: 'api/citizens/search POST', path: () => '/api/citizens/search', body: () => ({ identifier: A_ID }), expect: windowApi },
	{ key: 'api/citizens POST', path: () => '/api/citizens', body: () => ({ name: '探针' }), expect: windowApi },
	{ key: 'workbench/intake GET', path: () => '/workbench/intake', expect: windowPage },
	{ key: 'workbench/intake POST ?/find', path: () => '/workbench/intake?/find', form: () => ({ identifier: A_ID }), expect: windowPage },
	{ key: 'workbench/intake POST ?/walkin', path: () => '/workbench/intake?/walkin', form: () => ({ name: '探针' }), expect: windowPage },
	{
		key: 'workbench/intake POST ?/start',
		path: () => '/workbench/intake?/start',
		form: () => ({ citizen: 'u-zhangsan', kind: 'written' }),
		expect: windowPage
	},
	{ key: 'workbench/intake POST ?/end', path: () => '/workbench/intake?/end', form: () => ({}), expect: windowPage },
	// an event the current step does not offer, with a stale version: refused before anything is told to outsiders
	{ key: 'api/cases/[id]/events POST', path: (o) => `/api/cases/${o.caseId}/events`, body: () => ({ type: 'APPROVE', ...stale }), expect: caseApi },
	{ key: 'api/cases/[id]/rating GET', path: (o) => `/api/cases/${o.caseId}/rating`, expect: { ...all(403), anon: 401, A: 'ok', admin: 'ok' } },
	{ key: 'api/cases/[id]/rating POST', path: (o) => `/api/cases/${o.caseId}/rating`, body: () => ({ grade: 5 }), expect: { ...all(403), anon: 401, A: 'ok' } },
	{
		key: 'api/cases/[id]/verifications/[vid] POST',
		path: (o) => `/api/cases/${o.caseId}/verifications/v-none`,
		body: () => ({ ...stale, result: 'confirmed', note: '核查属实' }),
		expect: caseApi
	},
	{ key: 'cases GET', path: () => '/cases', expect: applicantPage },
	{ key: 'cases/[id] GET', path: (o) => `/cases/${o.caseId}`, expect: ownCasePage },
	{ key: 'cases/[id] POST ?/withdraw', path: (o) => `/cases/${o.caseId}?/withdraw`, form: () => ({ version: '99', reason: '探针' }), expect: ownCasePage },
	{ key: 'cases/[id] POST ?/resubmit', path: (o) => `/cases/${o.caseId}?/resubmit`, form: () => ({ version: '99' }), expect: ownCasePage },
	{ key: 'cases/[id] POST ?/supply', path: (o) => `/cases/${o.caseId}?/supply`, form: () => ({ version: '99', material: 'none' }), expect: ownCasePage },
	{ key: 'cases/[id] POST ?/rate', path: (o) => `/cases/${o.caseId}?/rate`, form: () => ({ grade: '5' }), expect: ownCasePage },
	// 缴费: A's case is free (409 for her); only the applicant opens an order; the provider's callback needs its signature
	{ key: 'cases/[id] POST ?/pay', path: (o) => `/cases/${o.caseId}?/pay`, form: () => ({}), expect: ownCasePage },
	{ key: 'api/cases/[id]/payments GET', path: (o) => `/api/cases/${o.caseId}/payments`, expect: caseApi },
	{ key: 'api/cases/[id]/payments POST', path: (o) => `/api/cases/${o.caseId}/payments`, body: () => ({}), expect: { ...all(403), anon: 401, A: 'ok' } },
	{ key: 'api/payments/callback POST', path: () => '/api/payments/callback', body: () => ({ orderId: 'PAYNONE', status: 'paid' }), expect: all(401) },
	{ key: 'pay/[order] GET', path: () => '/pay/PAYNONE', expect: { ...all(404), anon: 'login' } },
	{ key: 'pay/[order] POST ?/confirm', path: () => '/pay/PAYNONE?/confirm', form: () => ({}), expect: { ...all(404), anon: 'login' } },
	{ key: 'workbench GET', path: () => '/workbench', expect: { ...all(403), anon: 'login', desk: 'ok', other: 'ok', admin: 'ok' } },
	{ key: 'workbench/cases/[id] GET', path: (o) => `/workbench/cases/${o.caseId}`, expect: workbenchCase },
	// 文书: whoever may see the case (the applicant, its staff, administrators); no such document 404 for them
	{
		key: 'cases/[id]/documents/[key] GET',
		path: (o) => `/cases/${o.caseId}/documents/none-1`,
		expect: { ...all(403), anon: 'login', A: 404, desk: 404, admin: 404 }
	},
	{
		key: 'cases/[id]/documents/[key]/pdf GET',
		path: (o) => `/cases/${o.caseId}/documents/none-1/pdf`,
		expect: { ...all(403), anon: 401, A: 404, desk: 404, admin: 404 }
	},
	{
		key: 'workbench/cases/[id]/documents/[key] GET',
		path: (o) => `/workbench/cases/${o.caseId}/documents/none-1`,
		expect: { ...workbenchCase, desk: 404, admin: 404 }
	},
	{
		key: 'workbench/cases/[id]/documents/[key]/pdf GET',
		path: (o) => `/workbench/cases/${o.caseId}/documents/none-1/pdf`,
		expect: { ...all(403), anon: 401, A: 404, desk: 404, admin: 404 }
	},
	{
		key: 'workbench/cases/[id] POST ?/act',
		path: (o) => `/workbench/cases/${o.caseId}?/act`,
		form: () => ({ type: 'APPROVE', version: '99' }),
		expect: workbenchCase
	},
	{
		key: 'workbench/cases/[id] POST ?/verify',
		path: (o) => `/workbench/cases/${o.caseId}?/verify`,
		form: () => ({ verification: 'v-none', version: '99', result: 'confirmed', note: '核查属实' }),
		expect: workbenchCase
	},
	// 已核 / 有问题: only staff acting on the case now (the front desk at intake)
	{
		key: 'workbench/cases/[id] POST ?/mark',
		path: (o) => `/workbench/cases/${o.caseId}?/mark`,
		form: () => ({ material: 'none', status: 'checked' }),
		expect: { ...all(403), anon: 'login', desk: 'ok' }
	},
	{
		key: 'workbench/cases/[id] POST ?/opinion',
		path: (o) => `/workbench/cases/${o.caseId}?/opinion`,
		form: () => ({ template: 'none', type: 'ACCEPT' }),
		expect: workbenchCase
	},
	// 征求意见: asked by staff acting on the case now; answered only by the addressee (no request exists here: 404 to those who may see the case)
	{
		key: 'workbench/cases/[id] POST ?/consult',
		path: (o) => `/workbench/cases/${o.caseId}?/consult`,
		form: () => ({ to: 'department:none', question: '探针问题', days: '3' }),
		expect: { ...all(403), anon: 'login', desk: 'ok' }
	},
	{
		key: 'workbench/cases/[id] POST ?/answer',
		path: (o) => `/workbench/cases/${o.caseId}?/answer`,
		form: () => ({ consultation: 'none', answer: '探针答复' }),
		expect: { ...all(403), anon: 'login', desk: 404, admin: 404 }
	},
	{ key: 'api/cases/[id]/consultations GET', path: (o) => `/api/cases/${o.caseId}/consultations`, expect: { ...caseApi, A: 403 } },
	{
		key: 'api/cases/[id]/consultations POST',
		path: (o) => `/api/cases/${o.caseId}/consultations`,
		body: () => ({ to: { department: 'none' }, question: '探针问题', days: 3 }),
		expect: { ...all(403), anon: 401, desk: 'ok' }
	},
	{
		key: 'api/cases/[id]/consultations/[cid]/answer POST',
		path: (o) => `/api/cases/${o.caseId}/consultations/none/answer`,
		body: () => ({ answer: '探针答复' }),
		expect: { ...all(403), anon: 401, desk: 404, admin: 404 }
	},
	// 中介服务: read by whoever may see the case; recorded by staff of the item's department (no such service here: 422 to staff who may see it)
	{
		key: 'workbench/cases/[id] POST ?/intermediary',
		path: (o) => `/workbench/cases/${o.caseId}?/intermediary`,
		form: () => ({ service: 'none', action: 'start', version: '0' }),
		expect: workbenchCase
	},
	{ key: 'api/cases/[id]/intermediary GET', path: (o) => `/api/cases/${o.caseId}/intermediary`, expect: caseApi },
	{
		key: 'api/cases/[id]/intermediary POST',
		path: (o) => `/api/cases/${o.caseId}/intermediary`,
		body: () => ({ service: 'none', action: 'start', version: 0 }),
		expect: { ...caseApi, A: 403 }
	},
	// 案卷: printable page and ZIP, for staff who may see the case
	{ key: 'workbench/cases/[id]/dossier GET', path: (o) => `/workbench/cases/${o.caseId}/dossier`, expect: workbenchCase },
	{ key: 'workbench/cases/[id]/dossier/download GET', path: (o) => `/workbench/cases/${o.caseId}/dossier/download`, expect: workbenchCase },
	// 常用意见: a department's administrator (none in this table) and the platform administrator
	{ key: 'workbench/opinions GET', path: () => '/workbench/opinions', expect: adminPage },
	{ key: 'workbench/opinions POST ?/create', path: () => '/workbench/opinions?/create', form: () => ({ department: 'none', title: '' }), expect: adminPage },
	{
		key: 'workbench/opinions POST ?/update',
		path: () => '/workbench/opinions?/update',
		form: () => ({ id: 'none', rev: '1' }),
		expect: { ...all(403), anon: 'login', admin: 404 }
	},
	{
		key: 'workbench/opinions POST ?/delete',
		path: () => '/workbench/opinions?/delete',
		form: () => ({ id: 'none', rev: '1' }),
		expect: { ...all(403), anon: 'login', admin: 404 }
	},
	// 推送 and department API keys: the platform administrator only; department systems call with an API key, never a session
	{ key: 'workbench/admin/webhooks GET', path: () => '/workbench/admin/webhooks', expect: adminPage },
	{ key: 'workbench/admin/webhooks POST ?/subscribe', path: () => '/workbench/admin/webhooks?/subscribe', form: () => ({ url: 'ftp://x' }), expect: adminPage },
	{
		key: 'workbench/admin/webhooks POST ?/toggle',
		path: () => '/workbench/admin/webhooks?/toggle',
		form: () => ({ id: 'none', active: 'false' }),
		expect: { ...all(403), anon: 'login', admin: 404 }
	},
	{ key: 'workbench/admin/webhooks POST ?/resend', path: () => '/workbench/admin/webhooks?/resend', form: () => ({ id: 'none' }), expect: adminPage },
	{
		key: 'workbench/admin/webhooks POST ?/createKey',
		path: () => '/workbench/admin/webhooks?/createKey',
		form: () => ({ department: 'none' }),
		expect: adminPage
	},
	{
		key: 'workbench/admin/webhooks POST ?/revokeKey',
		path: () => '/workbench/admin/webhooks?/revokeKey',
		form: () => ({ id: 'none' }),
		expect: { ...all(403), anon: 'login', admin: 404 }
	},
	{
		key: 'api/departments/results POST',
		path: () => '/api/departments/results',
		body: (o) => ({ caseId: o.caseId, type: 'PASS', version: 1 }),
		expect: all(401)
	},
	// the front desk's task on A's case: only the front desk may claim and release it
	{ key: 'api/tasks GET', path: () => '/api/tasks', expect: signedIn },
	{ key: 'api/tasks/[id]/claim POST', path: (o) => `/api/tasks/${o.taskId}/claim`, expect: { ...all(403), anon: 401, desk: 'ok' } },
	{ key: 'api/tasks/[id]/claim DELETE', path: (o) => `/api/tasks/${o.taskId}/claim`, expect: { ...all(403), anon: 401, desk: 'ok' } },
	{ key: 'workbench POST ?/claim', path: () => '/workbench?/claim', form: (o) => ({ task: o.taskId }), expect: { ...all(403), anon: 'login', desk: 'ok' } },
	{
		key: 'workbench POST ?/find',
		path: () => '/workbench?/find',
		form: () => ({ identifier: A_ID }),
		expect: { ...all(403), anon: 'login', desk: 'ok', other: 'ok', admin: 'ok' }
	},
	{
		key: 'api/cases/search POST',
		path: () => '/api/cases/search',
		body: () => ({ identifier: A_ID }),
		expect: { ...all(403), anon: 401, desk: 'ok', other: 'ok', admin: 'ok' }
	},
	{
		key: 'workbench POST ?/claimMany',
		path: () => '/workbench?/claimMany',
		form: (o) => ({ tasks: o.taskId }),
		expect: { ...all(403), anon: 'login', desk: 'ok' }
	},
	{
		key: 'workbench POST ?/filter',
		path: () => '/workbench?/filter',
		form: () => ({ receipt: 'QZ1' }),
		expect: { ...all(403), anon: 'login', desk: 'ok', other: 'ok', admin: 'ok' }
	},
	{
		key: 'workbench POST ?/saveFilter',
		path: () => '/workbench?/saveFilter',
		form: () => ({ name: '探针', receipt: 'QZ1' }),
		expect: { ...all(403), anon: 'login', desk: 'ok', other: 'ok', admin: 'ok' }
	},
	{
		key: 'workbench POST ?/deleteFilter',
		path: () => '/workbench?/deleteFilter',
		form: () => ({ id: 'none' }),
		expect: { ...all(403), anon: 'login', desk: 404, other: 404, admin: 404 }
	},
	{ key: 'workbench/supervise GET', path: () => '/workbench/supervise', expect: adminPage },
	// 统计分析: administrators, and a department's head for their own department (none of this table's staff is one)
	{ key: 'workbench/metrics GET', path: () => '/workbench/metrics', expect: adminPage },
	{ key: 'workbench/metrics/csv GET', path: () => '/workbench/metrics/csv?table=overdue', expect: adminPage },
	{
		key: 'workbench/supervise POST ?/reassign',
		path: () => '/workbench/supervise?/reassign',
		form: (o) => ({ task: o.taskId, do: 'release', expected: 'nobody', reason: '探针' }),
		expect: adminPage
	},
	{ key: 'workbench POST ?/release', path: () => '/workbench?/release', form: (o) => ({ task: o.taskId }), expect: { ...all(403), anon: 'login', desk: 'ok' } },
	{
		key: 'workbench/cases/[id] POST ?/claim',
		path: (o) => `/workbench/cases/${o.caseId}?/claim`,
		form: (o) => ({ task: o.taskId }),
		expect: { ...all(403), anon: 'login', desk: 'ok' }
	},
	{
		key: 'workbench/cases/[id] POST ?/release',
		path: (o) => `/workbench/cases/${o.caseId}?/release`,
		form: (o) => ({ task: o.taskId }),
		expect: { ...all(403), anon: 'login', desk: 'ok' }
	},
	// A's file, draft and licence
	{ key: 'api/files POST', path: () => '/api/files?name=probe.pdf', body: () => '%PDF-1.4 probe', expect: { ...signedIn } },
	{ key: 'api/files/[id] GET', path: (o) => `/api/files/${o.fileId}?case=${o.caseId}`, expect: caseApi },
	{ key: 'api/drafts GET', path: () => '/api/drafts', expect: signedIn },
	// drafts are addressed by the signed-in user: the others have none at A's address
	{ key: 'api/drafts/[kind]/[id] GET', path: () => '/api/drafts/bundle/bonus-bundle', expect: { ...all(404), anon: 401, A: 'ok' } },
	{ key: 'api/drafts/[kind]/[id] PUT', path: () => '/api/drafts/item/edu-confirm', body: () => ({ data: { school: '探针' } }), expect: signedIn },
	{ key: 'api/drafts/[kind]/[id] DELETE', path: () => '/api/drafts/item/edu-confirm', expect: signedIn },
	{ key: 'apply/[kind]/[id] GET', path: () => '/apply/bundle/bonus-bundle', expect: applicantPage },
	{ key: 'apply/[kind]/[id] POST ?/save', path: () => '/apply/item/edu-confirm?/save', form: () => ({ 'd:school': '探针' }), expect: applicantPage },
	{ key: 'apply/[kind]/[id] POST ?/submit', path: () => '/apply/item/edu-confirm?/submit', form: () => ({}), expect: applicantPage },
	{ key: 'apply/[kind]/[id] POST ?/check', path: () => '/apply/item/edu-confirm?/check', form: () => ({}), expect: applicantPage },
	{ key: 'apply/[kind]/[id] POST ?/edit', path: () => '/apply/item/edu-confirm?/edit', form: () => ({ reviewed: '{}' }), expect: applicantPage },
	{ key: 'apply/[kind]/[id] POST ?/share', path: () => '/apply/item/edu-confirm?/share', form: () => ({ share: 'none' }), expect: applicantPage },
	{ key: 'api/licences GET', path: () => '/api/licences', expect: signedIn },
	{ key: 'api/licences/[id]/download GET', path: (o) => `/api/licences/${o.licenceId}/download`, expect: { ...all(403), anon: 401, A: 'ok', admin: 'ok' } },
	{ key: 'licences/[id] GET', path: (o) => `/licences/${o.licenceId}`, expect: { ...all(403), anon: 'login', A: 'ok', admin: 'ok' } },
	// 证照核验 is public: a licence id or file answers valid / revoked / not-found with masked facts only (anyone may check)
	{ key: '.well-known/jwks.json GET', path: () => '/.well-known/jwks.json', expect: all('ok') },
	{ key: 'api/licences/verify GET', path: (o) => `/api/licences/verify?id=${o.licenceId}`, expect: all('ok') },
	{
		key: 'api/licences/verify POST',
		path: () => '/api/licences/verify',
		body: () => ({ licence: { id: 'lic-0000000000000000' }, jws: 'x..y' }),
		expect: all('ok')
	},
	{ key: 'verify GET', path: (o) => `/verify?id=${o.licenceId}`, expect: all('ok') },
	{ key: 'verify POST', path: () => '/verify', form: () => ({ text: '{}' }), expect: all('ok') },
	{ key: 'api/licences/keys GET', path: () => '/api/licences/keys', expect: adminOnly },
	{ key: 'api/licences/keys POST', path: () => '/api/licences/keys', body: () => ({}), expect: adminOnly },
	{ key: 'api/seals GET', path: () => '/api/seals', expect: adminOnly },
	{ key: 'api/seals/[department] PUT', path: () => '/api/seals/edu', body: () => ({ name: '测试市教育局专用章' }), expect: adminOnly },
	{ key: 'api/seals/[department]/keys POST', path: () => '/api/seals/edu/keys', body: () => ({}), expect: adminOnly },
	{ key: 'studio/seals GET', path: () => '/studio/seals', expect: adminPage }
];

/** The method of a row's key; form posts and `+server.ts` methods alike. */
const methodOf = (key: string) => key.split(' ')[1];

async function call(base: string, row: Row, o: Objects, token: string | undefined) {
	const form = row.form?.(o);
	const body = form ? new URLSearchParams(form) : row.body?.(o);
	const res = await fetch(base + row.path(o), {
		method: methodOf(row.key),
		redirect: 'manual',
		headers: {
			origin: base,
			accept: row.key.startsWith('api/') ? 'application/json' : 'text/html',
			...(form
				? { 'content-type': 'application/x-www-form-urlencoded' }
				: body !== undefined
					? { 'content-type': typeof body === 'string' ? 'application/pdf' : 'application/json' }
					: {}),
			...(token ? { cookie: `session=${token}`, authorization: `Bearer ${token}` } : {})
		},
		body: body === undefined || body instanceof URLSearchParams || typeof body === 'string' ? body : JSON.stringify(body)
	});
	return { status: res.status, location: res.headers.get('location') ?? '', text: await res.text() };
}

function outcomeOf(r: { status: number; location: string }): Outcome | number {
	if (r.status === 303 && r.location.startsWith('/login')) return 'login';
	if (r.status < 400 || r.status === 400 || r.status === 409 || r.status === 422) return 'ok';
	return r.status;
}

describe('authorisation matrix', () => {
	it('the table covers every endpoint of every route file, and nothing that does not exist', () => {
		const served = routeEndpoints('runtime/routes');
		const covered = ROWS.map((r) => r.key).sort();
		expect(
			served.filter((k) => !covered.includes(k)),
			'没有列入矩阵的接口'
		).toEqual([]);
		expect(
			covered.filter((k) => !served.includes(k)),
			'矩阵中多余的接口'
		).toEqual([]);
		expect(new Set(covered).size).toBe(covered.length);
	});

	it('every endpoint × role answers as the table says, never 5xx, and no outsider receives A’s case, file, draft or licence', async () => {
		const base = server.url;
		const clients: Partial<Record<Role, Client>> = {};
		for (const [role, user] of Object.entries(USERS)) clients[role as Role] = await server.as(user);
		const A = clients.A!;

		// A's objects: an uploaded photo used in a submitted case, a draft, a licence; the front desk's task on the case
		const up = await fetch(`${base}/api/files?name=${FILE_NAME}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${A.token}`, 'content-type': 'image/jpeg' },
			body: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])
		});
		expect(up.status).toBe(201);
		const fileId = (await up.json()).id;
		const { 'eth-confirm__ethnicity': _e, ...data } = bonusSubmission.data;
		const { licence_HOUSEHOLD_REGISTER: _h, ...materials } = bonusSubmission.materials;
		const created = await A.post('/api/cases', {
			...bonusSubmission,
			answers: { kind: 'overseas', 'edu-confirm.grade': 'current' },
			data: { ...data, 'edu-confirm__school': SCHOOL },
			materials: { ...materials, 'ovs-confirm__photo': { source: 'upload', files: [fileId] } }
		});
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		const caseId = created.body.id;
		expect((await A.call('PUT', '/api/drafts/bundle/bonus-bundle', { data: { applicant_name: DRAFT_MARK } })).status).toBe(200);
		const task = (await clients.desk!.get('/api/tasks')).body.tasks.find((t: { caseId: string }) => t.caseId === caseId);
		expect(task).toBeDefined();
		const cat = await fetch(`${base}/api/catalog-files?name=guide.pdf`, {
			method: 'POST',
			headers: { authorization: `Bearer ${clients.admin!.token}`, 'content-type': 'application/pdf' },
			body: '%PDF-1.4 guide'
		});
		expect(cat.status).toBe(201);
		const catalogFile = ((await cat.json()).ref as string).split('/').at(-1)!;
		const o: Objects = { caseId, fileId, taskId: task.id, licenceId: 'lic-demo-zhangsan-id_card', catalogFile };
		// what only A, the departments her case involves and the administrator may ever see
		const secrets = [created.body.receiptNumber, SCHOOL, DRAFT_MARK, FILE_NAME, A_ID];

		const wrong: string[] = [];
		for (const row of ROWS)
			for (const role of ROLES) {
				const token = role === 'anon' ? undefined : row.fresh ? (await server.as(USERS[role])).token : clients[role]!.token;
				const r = await call(base, row, o, token);
				const got = outcomeOf(r);
				const cell = `${row.key} as ${role}`;
				if (r.status >= 500) wrong.push(`${cell}: ${r.status} ${r.text.slice(0, 200)}`);
				else if (got !== row.expect[role]) wrong.push(`${cell}: expected ${row.expect[role]}, got ${r.status} ${r.text.slice(0, 200)}`);
				// whoever the case does not involve never receives A's data, whether served or refused
				if (OUTSIDERS.includes(role) && secrets.some((s) => r.text.includes(s)))
					wrong.push(`${cell}: leaks ${secrets.filter((s) => r.text.includes(s)).join(', ')}`);
			}
		expect(wrong).toEqual([]);
	}, 180_000);
});
