import { z } from 'zod';
import { AnswerBody, ConsultBody } from '../core/cases/consultations';
import { IntermediaryBody } from '../core/cases/intermediary';
import { EventBody } from '../core/cases/service';
import { VerifyBody } from '../core/cases/verifications';
import { PublishBody } from '../core/definitions';
import { Bundle } from '../core/model/bundle';
import { Item } from '../core/model/item';
import { FollowUpInput, RatingInput } from '../core/ratings';
import { ComplaintInput, ComplaintReply } from '../core/complaints';
import * as bodies from './api-bodies';
import { TrackQuery } from './case-track';
import { WalkIn } from './citizens';
import { VerifyById } from './licence-verify';
import { SealBody } from './seals';

/** Who may call an operation: anyone, any signed-in account, staff, or administrators. */
export type ApiAuth = 'public' | 'signed-in' | 'staff' | 'admin' | 'apiKey';

export interface ApiOperation {
	method: 'get' | 'post' | 'put' | 'patch' | 'delete';
	/** OpenAPI form: `/api/cases/{id}` */
	path: string;
	tag: string;
	summary: string;
	auth: ApiAuth;
	/** the zod schema the handler validates with, `name` its export, `validatedIn` the file that parses with it */
	body?: { name: string; schema: z.ZodType; validatedIn: string };
	/** a raw upload (multipart or the file's bytes) instead of JSON */
	upload?: boolean;
	query?: Record<string, string>;
	status?: number;
	/** the main response shape; 'binary' for a file download */
	response: z.ZodType | 'binary';
}

const core = (file: string) => `runtime/core/${file}`;
const route = (dir: string) => `runtime/routes/api/${dir}/+server.ts`;
const body = (name: keyof typeof bodies, dir: string) => ({ name, schema: bodies[name] as z.ZodType, validatedIn: route(dir) });

const obj = z.looseObject({});
const list = (key: string, cursor = true) => z.looseObject({ [key]: z.array(obj), ...(cursor ? { next: z.string().optional() } : {}) });
const pageOf = (key: string) =>
	z.looseObject({ [key]: z.array(obj), total: z.number().int(), page: z.number().int(), limit: z.number().int(), pages: z.number().int() });
const caseSummary = z.looseObject({ id: z.string(), receiptNumber: z.string(), status: z.string(), version: z.number().int() });
const paging = { limit: '每页条数', cursor: '上一页返回的 next' };
const verifyAnswer = z.looseObject({ status: z.string(), message: z.string(), facts: obj.optional() });
const signingKeys = z.looseObject({ active: z.string(), keys: z.array(obj) });
const ref = z.looseObject({ id: z.string(), name: z.string(), size: z.number().int(), type: z.string() });

/** Every operation under /api, in the order the reference page shows them. */
export const API_OPERATIONS: ApiOperation[] = [
	// 登录与账号
	{
		method: 'post',
		path: '/api/session',
		tag: '登录与账号',
		summary: '登录（用户名、密码，开启双因素时附动态验证码）',
		auth: 'public',
		body: body('Credentials', 'session'),
		response: z.looseObject({ token: z.string(), expiresAt: z.string(), actor: obj })
	},
	{ method: 'get', path: '/api/session', tag: '登录与账号', summary: '当前登录的账号', auth: 'signed-in', response: z.looseObject({ actor: obj }) },
	{
		method: 'delete',
		path: '/api/session',
		tag: '登录与账号',
		summary: '退出登录（会话立即失效）',
		auth: 'public',
		response: z.looseObject({ ok: z.boolean() })
	},
	{ method: 'get', path: '/api/me/totp', tag: '登录与账号', summary: '本人双因素登录状态', auth: 'signed-in', response: obj },
	{ method: 'post', path: '/api/me/totp', tag: '登录与账号', summary: '开始启用双因素登录（返回密钥与 challenge）', auth: 'signed-in', response: obj },
	{
		method: 'put',
		path: '/api/me/totp',
		tag: '登录与账号',
		summary: '以动态验证码确认启用双因素登录',
		auth: 'signed-in',
		body: body('TotpConfirmBody', 'me/totp'),
		response: obj
	},
	{ method: 'put', path: '/api/me/consents/{kind}', tag: '登录与账号', summary: '给予一项长期授权', auth: 'signed-in', response: obj },
	{ method: 'delete', path: '/api/me/consents/{kind}', tag: '登录与账号', summary: '撤回一项长期授权', auth: 'signed-in', response: obj },
	{
		method: 'get',
		path: '/api/me/data',
		tag: '登录与账号',
		summary: '本人个人信息副本（?download=1 下载）',
		auth: 'signed-in',
		query: { download: '为 1 时作为附件下载' },
		response: obj
	},
	{
		method: 'get',
		path: '/api/messages',
		tag: '登录与账号',
		summary: '消息中心：本人消息（分页）与未读数',
		auth: 'signed-in',
		query: paging,
		response: z.looseObject({ messages: z.array(obj), next: z.string().optional(), unread: z.number().int() })
	},
	{
		method: 'post',
		path: '/api/messages/read',
		tag: '登录与账号',
		summary: '将本人消息标为已读（省略 ids 则全部）',
		auth: 'signed-in',
		body: body('MessagesReadBody', 'messages/read'),
		response: z.looseObject({ marked: z.number().int(), unread: z.number().int() })
	},
	{
		method: 'delete',
		path: '/api/accounts/{account}/sessions',
		tag: '登录与账号',
		summary: '结束某账号的全部会话',
		auth: 'admin',
		response: z.looseObject({ account: z.string(), ended: z.number().int() })
	},
	{
		method: 'delete',
		path: '/api/accounts/{account}/totp',
		tag: '登录与账号',
		summary: '重置某账号的双因素登录',
		auth: 'admin',
		response: z.looseObject({ account: z.string(), reset: z.boolean() })
	},
	// 事项与一件事
	{
		method: 'get',
		path: '/api/items',
		tag: '事项与一件事',
		summary: '事项目录（分页、检索）',
		auth: 'public',
		query: { page: '页码', limit: '每页条数', q: '检索词' },
		response: pageOf('items')
	},
	{
		method: 'get',
		path: '/api/items/{code}',
		tag: '事项与一件事',
		summary: '事项定义（?version=N 取历史版本）',
		auth: 'public',
		query: { version: '版本号' },
		response: obj
	},
	{
		method: 'put',
		path: '/api/items/{code}',
		tag: '事项与一件事',
		summary: '保存事项草稿（If-Match: rev）',
		auth: 'admin',
		body: { name: 'Item', schema: Item, validatedIn: core('definition-check.ts') },
		response: z.looseObject({ id: z.string(), rev: z.number().int(), draft: obj })
	},
	{
		method: 'post',
		path: '/api/items/{code}/publish',
		tag: '事项与一件事',
		summary: '发布事项新版本',
		auth: 'admin',
		body: { name: 'PublishBody', schema: PublishBody, validatedIn: 'runtime/server/definition-routes.ts' },
		response: z.looseObject({ id: z.string(), version: z.number().int(), hash: z.string() })
	},
	{
		method: 'get',
		path: '/api/bundles',
		tag: '事项与一件事',
		summary: '一件事目录（分页、检索）',
		auth: 'public',
		query: { page: '页码', limit: '每页条数', q: '检索词' },
		response: pageOf('bundles')
	},
	{
		method: 'get',
		path: '/api/bundles/{id}',
		tag: '事项与一件事',
		summary: '一件事定义（?version=N 取历史版本）',
		auth: 'public',
		query: { version: '版本号' },
		response: obj
	},
	{
		method: 'put',
		path: '/api/bundles/{id}',
		tag: '事项与一件事',
		summary: '保存一件事草稿（If-Match: rev）',
		auth: 'admin',
		body: { name: 'Bundle', schema: Bundle, validatedIn: core('definition-check.ts') },
		response: z.looseObject({ id: z.string(), rev: z.number().int(), draft: obj })
	},
	{
		method: 'post',
		path: '/api/bundles/{id}/publish',
		tag: '事项与一件事',
		summary: '发布一件事新版本',
		auth: 'admin',
		body: { name: 'PublishBody', schema: PublishBody, validatedIn: 'runtime/server/definition-routes.ts' },
		response: z.looseObject({ id: z.string(), version: z.number().int(), hash: z.string() })
	},
	{
		method: 'post',
		path: '/api/compose',
		tag: '事项与一件事',
		summary: '按情形答案组合材料与表单',
		auth: 'public',
		body: body('ComposeBody', 'compose'),
		response: obj
	},
	{
		method: 'post',
		path: '/api/catalog-files',
		tag: '事项与一件事',
		summary: '上传空白表格、样表',
		auth: 'admin',
		upload: true,
		status: 201,
		response: ref.extend({ ref: z.string() })
	},
	// 申报与办件
	{
		method: 'post',
		path: '/api/cases',
		tag: '申报与办件',
		summary: '提交申请（可代办）',
		auth: 'signed-in',
		body: body('CaseSubmitBody', 'cases'),
		status: 201,
		response: z.looseObject({ id: z.string(), receiptNumber: z.string(), deadline: z.string(), version: z.number().int(), case: obj, tasks: z.array(obj) })
	},
	{
		method: 'get',
		path: '/api/cases',
		tag: '申报与办件',
		summary: '我的办件（分页）',
		auth: 'signed-in',
		query: { status: '办件状态', applicant: '申请人（仅管理员）', ...paging },
		response: z.looseObject({ cases: z.array(caseSummary), next: z.string().optional(), total: z.number().int() })
	},
	{ method: 'get', path: '/api/cases/{id}', tag: '申报与办件', summary: '办件详情', auth: 'signed-in', response: obj },
	{
		method: 'post',
		path: '/api/cases/{id}/events',
		tag: '申报与办件',
		summary: '办件操作（受理、审查、补正、决定等）',
		auth: 'signed-in',
		body: { name: 'EventBody', schema: EventBody, validatedIn: core('cases/service.ts') },
		response: obj
	},
	{
		method: 'get',
		path: '/api/cases/{id}/payments',
		tag: '申报与办件',
		summary: '缴费：应缴费用（每项收费及其依据，单位分）、订单、票据与退费',
		auth: 'signed-in',
		response: z.looseObject({ bill: obj, orders: z.array(obj), paidFen: z.number().int(), dueFen: z.number().int(), payable: z.boolean() })
	},
	{
		method: 'post',
		path: '/api/cases/{id}/payments',
		tag: '申报与办件',
		summary: '申请人为待缴费用开立缴费订单，返回支付地址',
		auth: 'signed-in',
		status: 201,
		response: z.looseObject({ order: obj, payUrl: z.string() })
	},
	{
		method: 'post',
		path: '/api/payments/callback',
		tag: '申报与办件',
		summary: '支付渠道回调（Payment-Id、Payment-Timestamp、Payment-Signature 签名验证；重复回调同样应答）',
		auth: 'public',
		response: z.looseObject({ ok: z.boolean(), order: z.string(), status: z.string(), receipt: z.string().optional() })
	},
	{
		method: 'post',
		path: '/api/departments/results',
		tag: '申报与办件',
		summary: '部门自建系统回传办理结果（部门 API 密钥，按审查人员的流程校验）',
		auth: 'apiKey',
		body: body('DepartmentResultBody', 'departments/results'),
		response: obj
	},
	{
		method: 'post',
		path: '/api/cases/{id}/verifications/{vid}',
		tag: '申报与办件',
		summary: '告知承诺核查结论',
		auth: 'staff',
		body: { name: 'VerifyBody', schema: VerifyBody, validatedIn: core('cases/service.ts') },
		response: obj
	},
	{ method: 'get', path: '/api/cases/{id}/consultations', tag: '申报与办件', summary: '办件的征求意见', auth: 'staff', response: list('consultations', false) },
	{
		method: 'post',
		path: '/api/cases/{id}/consultations',
		tag: '申报与办件',
		summary: '向部门或人员征求意见',
		auth: 'staff',
		body: { name: 'ConsultBody', schema: ConsultBody, validatedIn: core('review/consult.ts') },
		status: 201,
		response: z.looseObject({ consultation: obj })
	},
	{
		method: 'get',
		path: '/api/cases/{id}/intermediary',
		tag: '申报与办件',
		summary: '办件的中介服务及其用时',
		auth: 'signed-in',
		response: list('intermediaryServices', false)
	},
	{
		method: 'post',
		path: '/api/cases/{id}/intermediary',
		tag: '申报与办件',
		summary: '登记中介服务开始或完成（时间不计入承诺时限）',
		auth: 'staff',
		body: { name: 'IntermediaryBody', schema: IntermediaryBody, validatedIn: core('review/intermediary.ts') },
		response: z.looseObject({ intermediaryServices: z.array(obj), version: z.number() })
	},
	{
		method: 'post',
		path: '/api/cases/{id}/consultations/{cid}/answer',
		tag: '申报与办件',
		summary: '答复征求意见',
		auth: 'staff',
		body: { name: 'AnswerBody', schema: AnswerBody, validatedIn: core('review/consult.ts') },
		response: z.looseObject({ consultation: obj })
	},
	{
		method: 'post',
		path: '/api/cases/search',
		tag: '申报与办件',
		summary: '按身份证号码或手机号码查找办件',
		auth: 'staff',
		query: paging,
		body: body('CaseSearchBody', 'cases/search'),
		response: list('cases')
	},
	{
		method: 'post',
		path: '/api/cases/track',
		tag: '申报与办件',
		summary: '办件查询（受理编号 + 证件号码，免登录）',
		auth: 'public',
		body: { name: 'TrackQuery', schema: TrackQuery, validatedIn: route('cases/track') },
		response: obj
	},
	{ method: 'get', path: '/api/drafts', tag: '申报与办件', summary: '我的草稿（分页）', auth: 'signed-in', query: paging, response: list('drafts') },
	{ method: 'get', path: '/api/drafts/{kind}/{id}', tag: '申报与办件', summary: '取回草稿', auth: 'signed-in', response: z.looseObject({ draft: obj }) },
	{
		method: 'put',
		path: '/api/drafts/{kind}/{id}',
		tag: '申报与办件',
		summary: '保存草稿（下次继续）',
		auth: 'signed-in',
		body: body('DraftBody', 'drafts/[kind]/[id]'),
		response: z.looseObject({ draft: obj })
	},
	{
		method: 'delete',
		path: '/api/drafts/{kind}/{id}',
		tag: '申报与办件',
		summary: '删除草稿',
		auth: 'signed-in',
		response: z.looseObject({ deleted: z.boolean() })
	},
	{ method: 'post', path: '/api/files', tag: '申报与办件', summary: '上传申请材料', auth: 'signed-in', upload: true, status: 201, response: ref },
	{ method: 'get', path: '/api/files/{id}', tag: '申报与办件', summary: '下载材料文件', auth: 'signed-in', query: { case: '所属办件' }, response: 'binary' },
	{
		method: 'post',
		path: '/api/citizens',
		tag: '申报与办件',
		summary: '窗口收件：为来访群众建档',
		auth: 'staff',
		body: { name: 'WalkIn', schema: WalkIn, validatedIn: 'runtime/server/citizens.ts' },
		response: z.looseObject({ citizen: obj, created: z.boolean() })
	},
	{
		method: 'post',
		path: '/api/citizens/search',
		tag: '申报与办件',
		summary: '按证件号码查找群众（号码脱敏）',
		auth: 'staff',
		body: body('CitizenSearchBody', 'citizens/search'),
		response: list('citizens', false)
	},
	// 审批工作台
	{
		method: 'get',
		path: '/api/tasks',
		tag: '审批工作台',
		summary: '待办任务（分页、筛选）',
		auth: 'staff',
		query: { tab: '分栏', dueBefore: '期限早于（ISO 时间）', service: '事项', state: '环节', receiptNumber: '受理编号', ...paging },
		response: list('tasks')
	},
	{ method: 'post', path: '/api/tasks/{id}/claim', tag: '审批工作台', summary: '认领任务', auth: 'staff', response: obj },
	{ method: 'delete', path: '/api/tasks/{id}/claim', tag: '审批工作台', summary: '释放任务', auth: 'staff', response: obj },
	// 证照与评价
	{ method: 'get', path: '/api/licences', tag: '证照与评价', summary: '我的证照', auth: 'signed-in', response: list('licences', false) },
	{ method: 'get', path: '/api/licences/{id}/download', tag: '证照与评价', summary: '下载证照', auth: 'signed-in', response: 'binary' },
	{
		method: 'get',
		path: '/api/licences/verify',
		tag: '证照与评价',
		summary: '证照核验（证照二维码链接）：有效、已撤销、已过期或不存在，个人信息脱敏',
		auth: 'public',
		query: { id: '证照标识 lic-…' },
		response: verifyAnswer
	},
	{
		method: 'post',
		path: '/api/licences/verify',
		tag: '证照与评价',
		summary: '证照核验：提交下载的证照文件（JSON），核对签名与登记状态；或提交 {id}',
		auth: 'public',
		body: { name: 'VerifyById', schema: VerifyById, validatedIn: route('licences/verify') },
		response: verifyAnswer
	},
	{ method: 'get', path: '/api/licences/keys', tag: '证照与评价', summary: '证照签名密钥（管理员）', auth: 'admin', response: signingKeys },
	{
		method: 'post',
		path: '/api/licences/keys',
		tag: '证照与评价',
		summary: '密钥轮换：新密钥签发，旧密钥继续可核验（管理员）',
		auth: 'admin',
		response: signingKeys
	},
	{
		method: 'get',
		path: '/api/seals',
		tag: '证照与评价',
		summary: '电子印章：各部门印章名称、图片与签名密钥（管理员）',
		auth: 'admin',
		response: list('seals', false)
	},
	{
		method: 'put',
		path: '/api/seals/{department}',
		tag: '证照与评价',
		summary: '设置部门电子印章的名称或图片（SVG/PNG，base64；image 为 null 时恢复按部门名称生成的印章）（管理员）',
		auth: 'admin',
		body: { name: 'SealBody', schema: SealBody, validatedIn: route('seals/[department]') },
		response: z.looseObject({ seal: obj })
	},
	{
		method: 'post',
		path: '/api/seals/{department}/keys',
		tag: '证照与评价',
		summary: '印章密钥轮换：部门印章以新密钥签名，旧密钥签名的证照继续可核验（管理员）',
		auth: 'admin',
		response: z.looseObject({ department: z.string(), active: z.string() })
	},
	{
		method: 'get',
		path: '/api/cases/{id}/rating',
		tag: '证照与评价',
		summary: '办件的好差评',
		auth: 'signed-in',
		response: z.looseObject({ rating: obj.nullable() })
	},
	{
		method: 'post',
		path: '/api/cases/{id}/rating',
		tag: '证照与评价',
		summary: '评价已办结的办件（一事一评）',
		auth: 'signed-in',
		body: { name: 'RatingInput', schema: RatingInput, validatedIn: core('ratings.ts') },
		status: 201,
		response: z.looseObject({ rating: obj })
	},
	{
		method: 'get',
		path: '/api/ratings',
		tag: '证照与评价',
		summary: '评价列表（分页，?poor=1 只看差评）',
		auth: 'admin',
		query: { poor: '为 1 时只看差评', ...paging },
		response: list('ratings')
	},
	{
		method: 'post',
		path: '/api/ratings/{id}/follow-up',
		tag: '证照与评价',
		summary: '差评整改：回访、核实、整改、反馈',
		auth: 'admin',
		body: { name: 'FollowUpInput', schema: FollowUpInput, validatedIn: core('ratings.ts') },
		response: z.looseObject({ rating: obj })
	},
	// 办不成事反映 and 信用记录
	{
		method: 'get',
		path: '/api/complaints',
		tag: '证照与评价',
		summary: '办不成事反映：申请人看自己的；科室负责人看本部门的（管理员可按部门）',
		auth: 'signed-in',
		query: { department: '部门（管理员）' },
		response: list('complaints', false)
	},
	{
		method: 'post',
		path: '/api/complaints',
		tag: '证照与评价',
		summary: '提交办不成事反映（针对本人办件或指定部门），5 个工作日内答复',
		auth: 'signed-in',
		body: { name: 'ComplaintInput', schema: ComplaintInput, validatedIn: core('complaints.ts') },
		status: 201,
		response: z.looseObject({ complaint: obj })
	},
	{
		method: 'post',
		path: '/api/complaints/{id}/reply',
		tag: '证照与评价',
		summary: '答复办不成事反映（该部门科室负责人或管理员，一次）',
		auth: 'signed-in',
		body: { name: 'ComplaintReply', schema: ComplaintReply, validatedIn: core('complaints.ts') },
		response: z.looseObject({ complaint: obj })
	},
	{
		method: 'get',
		path: '/api/credit',
		tag: '证照与评价',
		summary: '信用记录（告知承诺不实）：管理员看全部，其他人看自己的',
		auth: 'signed-in',
		query: { limit: '条数（管理员，最多 1000）' },
		response: list('records', false)
	},
	// 审计
	{
		method: 'get',
		path: '/api/audit',
		tag: '审计',
		summary: '审计日志（分页，按办件或操作人）',
		auth: 'admin',
		query: { case: '办件', actor: '操作人', ...paging },
		response: list('entries')
	},
	{ method: 'get', path: '/api/audit/chain', tag: '审计', summary: '审计链校验结果', auth: 'admin', response: obj },
	{ method: 'get', path: '/api/openapi.json', tag: '接口文档', summary: '本接口的 OpenAPI 3.1 文档', auth: 'public', response: obj }
];

/** Routes under runtime/routes/api kept out of the document, each with its reason. */
export const API_EXCLUDED: { method: ApiOperation['method']; path: string; reason: string }[] = [
	{ method: 'post', path: '/api/test/clock', reason: '测试时钟，仅在 TEST_CLOCK=1 的测试环境中存在，生产环境返回 404' }
];
