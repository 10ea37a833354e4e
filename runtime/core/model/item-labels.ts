// An item's 事项类型, 权力来源 and 行使层级 labels, zod-free so portal pages can show them without the item schema.
export const ITEM_TYPES = {
	licensing: '行政许可',
	payment: '行政给付',
	confirmation: '行政确认',
	reward: '行政奖励',
	adjudication: '行政裁决',
	otherPower: '其他行政权力',
	publicService: '公共服务'
} as const;
export const POWER_SOURCES = {
	statutory: '法定本级行使',
	delegated: '上级下放',
	authorized: '上级授权',
	entrusted: '同级委托'
} as const;
export const LEVELS = { national: '国家级', provincial: '省级', city: '市级', county: '县级', township: '乡镇级', village: '村级' } as const;
