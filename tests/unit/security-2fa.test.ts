// Two-factor sign-in (TOTP) against the built server with REQUIRE_2FA=staff: enrolment on first sign-in, codes, replay,
// wrong codes on the login throttle and in the audit, self-enrolment, an administrator's reset, the login page's step.
// Needs `npx vite build` first.
import { describe, expect, it } from 'vitest';
import { Client, writeFixtureCatalog } from './helpers/server';
import { useServer } from './helpers/use-server';
import { totpCode } from '../../runtime/server/totp';

const server = useServer({
	definitionsDir: writeFixtureCatalog(),
	env: { REQUIRE_2FA: 'staff', LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '1000' }
});

const NEEDS_TOTP = '请输入身份验证器应用上显示的 6 位动态验证码';
const WRONG_CODE = '动态验证码错误，请核对验证器上当前显示的验证码';
const REPLAYED = '该动态验证码已使用过，请等待验证器显示新的验证码后再试';
const EXPIRED = '验证已超时或已失效，请重新输入用户名和密码';

const STEP = 30_000;
const code = (secret: string, offsetSteps = 0) => totpCode(secret, Date.now() + offsetSteps * STEP);
/** a 6-digit code that is none of the accepted ones (previous, current, next step) */
const wrongCode = (secret: string) => {
	const right = [-1, 0, 1, 2].map((o) => code(secret, o));
	for (let n = 123456; ; n++) if (!right.includes(String(n))) return String(n);
};
/** waits when less than 8 s of the current 30-second step are left, so a code and its check fall in known steps */
async function awayFromStepEnd() {
	const left = STEP - (Date.now() % STEP);
	if (left < 8000) await new Promise((r) => setTimeout(r, left + 200));
}

const session = (body: Record<string, unknown>) => new Client(server.url).call('POST', '/api/session', body);

/** enrols through the first sign-in; returns the secret and a signed-in client */
async function enrol(username: string, offsetSteps = 0) {
	const first = await session({ username, password: 'demo123' });
	expect(first.body.needs).toBe('totp-enrol');
	const secret = first.body.enrol.secret as string;
	const done = await session({ challenge: first.body.challenge, code: code(secret, offsetSteps) });
	expect(done.status).toBe(200);
	const client = new Client(server.url);
	client.token = done.body.token;
	return { secret, client };
}

let admin: Client | undefined;
const asAdmin = async () => (admin ??= (await enrol('admin')).client);

describe('two-factor sign-in (REQUIRE_2FA=staff)', () => {
	it('lets a citizen in with the password alone; makes staff enrol, showing the secret once and issuing no session before a code confirms it', async () => {
		await awayFromStepEnd();
		expect((await session({ username: 'zhangsan', password: 'demo123' })).status).toBe(200);

		const first = await session({ username: 'edu-reviewer', password: 'demo123' });
		expect(first.status).toBe(401);
		expect(first.body).toMatchObject({ needs: 'totp-enrol', challenge: expect.any(String), message: expect.stringContaining('须启用双重验证') });
		expect(first.body.token).toBeUndefined();
		const { secret, otpauthUri } = first.body.enrol;
		expect(secret).toMatch(/^[A-Z2-7]{32}$/);
		expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/.*edu-reviewer\?secret=[A-Z2-7]{32}&/);
		expect(otpauthUri).toContain(`secret=${secret}`);

		// a wrong code keeps the same secret to try again
		const wrong = await session({ challenge: first.body.challenge, code: wrongCode(secret) });
		expect([wrong.status, wrong.body.message, wrong.body.needs, wrong.body.enrol.secret]).toEqual([401, WRONG_CODE, 'totp-enrol', secret]);
		// a malformed or forged challenge is refused
		expect((await session({ challenge: `${first.body.challenge}x`, code: code(secret) })).body.message).toBe(EXPIRED);

		const done = await session({ challenge: wrong.body.challenge, code: code(secret) });
		expect(done.status).toBe(200);
		const reviewer = new Client(server.url);
		reviewer.token = done.body.token;
		expect((await reviewer.get('/api/session')).body.actor.id).toBe('u-edu-reviewer');
		expect(JSON.stringify(done.body)).not.toContain(secret);

		// from now on the password alone is not enough, and the secret is never sent again
		const again = await session({ username: 'edu-reviewer', password: 'demo123' });
		expect([again.status, again.body.needs, again.body.message]).toEqual([401, 'totp', NEEDS_TOTP]);
		expect(JSON.stringify(again.body)).not.toContain(secret);
		const status = await reviewer.get('/api/me/totp');
		expect(status.body).toMatchObject({ enrolled: true, required: true, policy: 'staff' });
		expect(JSON.stringify(status.body)).not.toContain(secret);
		// the enrolment challenge cannot enrol a second time
		expect((await session({ challenge: first.body.challenge, code: code(secret) })).body.message).toBe(EXPIRED);

		const entries = (await (await asAdmin()).get('/api/audit?actor=edu-reviewer')).body.entries as { action: string; detail: object }[];
		expect(entries.filter((e) => e.action === 'totp.enrol')).toHaveLength(1);
		expect(entries.filter((e) => e.action === 'login.totp_failure').map((e) => e.detail)).toEqual([
			expect.objectContaining({ username: 'edu-reviewer', reason: 'wrong' })
		]);
		expect(JSON.stringify(entries)).not.toContain(secret);
	});

	it('signs in with a code (with the password, or with the challenge) and refuses a code used before', async () => {
		await awayFromStepEnd();
		const { secret } = await enrol('edu-reviewer2', -1); // enrolled with the previous step's code
		const first = await session({ username: 'edu-reviewer2', password: 'demo123', code: code(secret) });
		expect(first.status).toBe(200);

		const replay = await session({ username: 'edu-reviewer2', password: 'demo123', code: code(secret) });
		expect([replay.status, replay.body.message, replay.body.needs]).toEqual([401, REPLAYED, 'totp']);
		const older = await session({ challenge: replay.body.challenge, code: code(secret, -1) });
		expect(older.status).toBe(401);

		// the next step's code (the phone's clock a little ahead) is accepted once
		const next = await session({ challenge: older.body.challenge, code: code(secret, 1) });
		expect(next.status).toBe(200);
		expect((await session({ challenge: older.body.challenge, code: code(secret, 1) })).body.message).toBe(REPLAYED);
		// no code at all is not a failure: the same question again
		const none = await session({ username: 'edu-reviewer2', password: 'demo123' });
		expect([none.status, none.body.needs]).toEqual([401, 'totp']);
		// a wrong password never reaches the code step
		const badPassword = await session({ username: 'edu-reviewer2', password: 'wrong', code: code(secret, 1) });
		expect([badPassword.status, badPassword.body.message, badPassword.body.needs]).toEqual([401, '用户名或密码错误', undefined]);
	});

	it('counts wrong codes toward the lock of the account, audits them as login.totp_failure, and then refuses the right code too', async () => {
		await awayFromStepEnd();
		const { secret } = await enrol('edu-inspector');
		const bad = wrongCode(secret);
		const first = await session({ username: 'edu-inspector', password: 'demo123', code: bad });
		const second = await session({ challenge: first.body.challenge, code: bad });
		const third = await session({ challenge: second.body.challenge, code: bad });
		expect([first, second].map((r) => [r.status, r.body.message])).toEqual([
			[401, WRONG_CODE],
			[401, WRONG_CODE]
		]);
		expect([third.status, third.body.message]).toEqual([429, '登录失败次数过多，请 15 分钟后再试']);
		expect((await session({ challenge: second.body.challenge, code: code(secret, 1) })).status).toBe(429);
		expect((await session({ username: 'edu-inspector', password: 'demo123', code: code(secret, 1) })).status).toBe(429);

		const entries = (await (await asAdmin()).get('/api/audit?actor=edu-inspector')).body.entries as { action: string; detail: object }[];
		expect(entries.filter((e) => e.action === 'login.totp_failure').map((e) => e.detail)).toEqual(
			Array(3).fill(expect.objectContaining({ username: 'edu-inspector', reason: 'wrong', address: expect.any(String) }))
		);
		expect(entries.filter((e) => e.action === 'login.lockout')).toHaveLength(1);
		expect(JSON.stringify(entries)).not.toContain(bad);
	});

	it("lets an administrator reset another account's two-factor sign-in (audited); the old secret and challenges stop working", async () => {
		await awayFromStepEnd();
		const { secret } = await enrol('edu-decider');
		const pending = await session({ username: 'edu-decider', password: 'demo123' });
		expect(pending.body.needs).toBe('totp');

		const citizen = new Client(server.url);
		await citizen.login('zhangsan');
		expect((await citizen.call('DELETE', '/api/accounts/edu-decider/totp')).status).toBe(403);
		const admin = await asAdmin();
		expect((await admin.call('DELETE', '/api/accounts/edu-decider/totp')).body).toEqual({ account: 'u-edu-decider', reset: true });
		expect((await admin.call('DELETE', '/api/accounts/nobody/totp')).status).toBe(404);

		expect((await session({ challenge: pending.body.challenge, code: code(secret, 1) })).body.message).toBe(EXPIRED);
		const fresh = await session({ username: 'edu-decider', password: 'demo123', code: code(secret, 1) });
		expect(fresh.body.needs).toBe('totp-enrol');
		expect(fresh.body.enrol.secret).not.toBe(secret);

		const entries = (await admin.get('/api/audit?actor=admin')).body.entries as { action: string; detail: object }[];
		expect(entries.filter((e) => e.action === 'totp.reset').map((e) => e.detail)).toEqual([
			{ account: 'u-edu-decider', username: 'edu-decider', wasEnrolled: true }
		]);
	});

	it('lets an account not covered by the policy enrol itself while signed in; then it signs in with a code', async () => {
		await awayFromStepEnd();
		const lisi = new Client(server.url);
		await lisi.login('lisi');
		expect((await lisi.get('/api/me/totp')).body).toMatchObject({ enrolled: false, required: false });
		const start = await lisi.post('/api/me/totp');
		expect(start.body).toMatchObject({ secret: expect.stringMatching(/^[A-Z2-7]{32}$/), otpauthUri: expect.stringContaining('lisi') });
		const wrong = await lisi.call('PUT', '/api/me/totp', { challenge: start.body.challenge, code: wrongCode(start.body.secret) });
		expect([wrong.status, wrong.body.errors]).toEqual([422, [{ path: 'code', message: WRONG_CODE }]]);
		const done = await lisi.call('PUT', '/api/me/totp', { challenge: start.body.challenge, code: code(start.body.secret, -1) });
		expect(done.body).toMatchObject({ enrolled: true });
		expect((await lisi.post('/api/me/totp')).status).toBe(409);

		expect((await session({ username: 'lisi', password: 'demo123' })).body.needs).toBe('totp');
		expect((await session({ username: 'lisi', password: 'demo123', code: code(start.body.secret) })).status).toBe(200);
	});

	it('asks for the code as a second step of the login page (no JavaScript), then signs in and goes on', async () => {
		await awayFromStepEnd();
		const form = (fields: Record<string, string>) =>
			fetch(`${server.url}/login?next=%2Fworkbench%2Fratings`, {
				method: 'POST',
				redirect: 'manual',
				headers: { origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams(fields)
			});
		const first = await form({ username: 'center-frontdesk', password: 'demo123' });
		expect(first.status).toBe(401);
		const html = await first.text();
		const secret = /data-testid="totp-secret"[^>]*>([A-Z2-7]{32})</.exec(html)?.[1];
		const challenge = /name="challenge" value="([^"]+)"/.exec(html)?.[1];
		expect(secret && challenge).toBeTruthy();
		expect(html).toContain('otpauth://totp/');
		expect(first.headers.get('set-cookie') ?? '').not.toContain('session=');

		const wrong = await form({ challenge: challenge!, code: wrongCode(secret!) });
		expect(wrong.status).toBe(401);
		expect(await wrong.text()).toContain(WRONG_CODE);
		const done = await form({ challenge: challenge!, code: code(secret!) });
		expect(done.status).toBe(303);
		expect(done.headers.get('location')).toBe('/workbench/ratings');
		expect(done.headers.get('set-cookie')).toMatch(/session=[^;]+/);
	});
});

describe('the REQUIRE_2FA setting', () => {
	it('reads staff, admin or off (default off) and names a bad value', async () => {
		const { twoFactorPolicy } = await import('../../runtime/server/security-config');
		const { totpRequired } = await import('../../runtime/server/totp');
		const read = (v: string | undefined) => {
			const old = process.env.REQUIRE_2FA;
			if (v === undefined) delete process.env.REQUIRE_2FA;
			else process.env.REQUIRE_2FA = v;
			try {
				return twoFactorPolicy();
			} finally {
				if (old === undefined) delete process.env.REQUIRE_2FA;
				else process.env.REQUIRE_2FA = old;
			}
		};
		expect([read(undefined), read(''), read(' Staff '), read('admin'), read('off')]).toEqual(['off', 'off', 'staff', 'admin', 'off']);
		expect(() => read('always')).toThrow('环境变量 REQUIRE_2FA 应为 staff、admin 或 off，现为 “always”');
		const [citizen, reviewer, adminAccount] = [{ roles: ['applicant'] }, { roles: ['reviewer'], department: 'edu' }, { roles: ['admin'] }];
		expect([citizen, reviewer, adminAccount].map((a) => totpRequired(a, 'staff'))).toEqual([false, true, true]);
		expect([citizen, reviewer, adminAccount].map((a) => totpRequired(a, 'admin'))).toEqual([false, false, true]);
		expect([citizen, reviewer, adminAccount].map((a) => totpRequired(a, 'off'))).toEqual([false, false, false]);
	});
});
