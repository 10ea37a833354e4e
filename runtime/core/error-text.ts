// The words of the errors a citizen sees when a form or its materials need fixing. Chinese here (the API, the
// workbench, the CLI tools); the portal puts its message catalogue in their place at start-up
// (runtime/i18n/error-text.ts), so the same checks speak the page's language on the server and in the browser.
type Limit = { limit: number | string };
type Named = { name: string };

export const errorText = {
	required: () => '必填',
	minLength: ({ limit }: Limit) => `不能少于 ${limit} 个字符`,
	maxLength: ({ limit }: Limit) => `不能多于 ${limit} 个字符`,
	pattern: () => '格式不正确',
	minimum: ({ limit }: Limit) => `不能小于 ${limit}`,
	maximum: ({ limit }: Limit) => `不能大于 ${limit}`,
	exclusiveMinimum: ({ limit }: Limit) => `须大于 ${limit}`,
	exclusiveMaximum: ({ limit }: Limit) => `须小于 ${limit}`,
	multipleOf: ({ limit }: Limit) => `须为 ${limit} 的整数倍`,
	option: () => '请选择有效的选项',
	minItems: ({ limit }: Limit) => `至少填写 ${limit} 项`,
	maxItems: ({ limit }: Limit) => `最多填写 ${limit} 项`,
	uniqueItems: () => '选项不能重复',
	number: () => '请输入数字',
	type: () => '类型不正确',
	extraField: ({ name }: Named) => `不允许的字段 ${name}`,
	invalid: () => '填写不正确',
	notObject: () => '提交的数据必须是对象',
	form: () => '表单',
	formats: {
		'id-number': () => '身份证号码不正确（须为 18 位且校验位正确）',
		phone: () => '电话号码格式不正确',
		'credit-code': () => '统一社会信用代码不正确',
		postcode: () => '邮政编码应为 6 位数字',
		'file-id': () => '文件标识不正确',
		date: () => '应为 YYYY-MM-DD 格式的日期',
		email: () => '电子邮箱格式不正确',
		uri: () => '网址格式不正确'
	} as Record<string, () => string>,
	/** 「姓名：必填」 */
	fieldError: ({ field, message }: { field: string; message: string }) => `${field}：${message}`,
	materialNoSource: ({ name }: Named) => `${name}：请选择提供方式`,
	materialNoFile: ({ name }: Named) => `${name}：请上传文件`,
	materialUnsigned: ({ name }: Named) => `${name}：请勾选签署告知承诺`,
	materialNoLicence: ({ name }: Named) => `${name}：电子证照库中暂无您的该类证照，请改为上传`,
	licenceConsent: ({ name }: Named) => `调取电子证照「${name}」须先勾选授权`,
	answerMissing: ({ question }: { question: string }) => `请回答「${question}」`
};

export type ErrorText = typeof errorText;

/** Puts another language's words in place (the portal's message catalogue). */
export function useErrorText(words: ErrorText) {
	Object.assign(errorText, words);
}
