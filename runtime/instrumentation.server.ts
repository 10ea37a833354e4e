// Runs before adapter-node's handler reads BODY_SIZE_LIMIT (SvelteKit loads this file first): the adapter's limit is set
// just above ours, so every body is measured by the hook (body-limits.ts) and an oversized one gets a 413 with the limit,
// whichever command started the server, instead of adapter-node's 512 KB default turning into a 500.
import { adapterBodyLimit, bodyLimits } from './server/body-limits';

const given = process.env.BODY_SIZE_LIMIT;
if (given && given !== String(adapterBodyLimit()))
	console.warn(`BODY_SIZE_LIMIT=${given} 不再使用：请求体上限由 JSON_LIMIT、UPLOAD_LIMIT、FORM_LIMIT 设置（当前 ${JSON.stringify(bodyLimits())}）`);
process.env.BODY_SIZE_LIMIT = String(adapterBodyLimit());
(globalThis as { __bodyLimitsInstalled?: boolean }).__bodyLimitsInstalled = true;
