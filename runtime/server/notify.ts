// Notifications beyond the 消息中心: SMS and e-mail by each person's preferences, delivered by the outbox worker (retried
// with backoff; what fails for good is listed for administrators). E-mail goes over SMTP (nodemailer) when SMTP_URL is
// set; SMS and, without SMTP_URL, e-mail are written to the log (a gateway slots in as another Channel).
import { createTransport } from 'nodemailer';
import type { Account, OutboxMessage, Store } from '../core/store';
import type { Delivery, Provider, Providers } from './outbox-worker';

export interface Channel {
	send(to: string, subject: string, text: string): Promise<void>;
}

export interface NotifyPrefs {
	sms: boolean;
	email?: string;
}

/** What a person asked for (my 通知方式); in-app messages are always on. */
export function notifyPrefs(account: Pick<Account, 'profile'> | undefined): NotifyPrefs {
	const p = (account?.profile?.notify ?? {}) as Partial<NotifyPrefs>;
	return { sms: p.sms === true, ...(typeof p.email === 'string' && p.email ? { email: p.email } : {}) };
}

export const logChannel = (kind: string): Channel => ({
	send: async (to, subject) => console.log(`[${kind}] → ${to}：${subject}`)
});

export function smtpChannel(url: string, from: string): Channel {
	const transport = createTransport(url);
	return { send: async (to, subject, text) => void (await transport.sendMail({ from, to, subject, text })) };
}

/** The text a message sends: its title and lines (older outbox rows carry only the event). */
function textOf(m: OutboxMessage): { subject: string; text: string } {
	const title =
		typeof m.payload.title === 'string' ? m.payload.title : `「${String(m.payload.service ?? '')}」${String(m.payload.receiptNumber ?? '')} 有新进展`;
	const lines = Array.isArray(m.payload.lines) ? m.payload.lines.map(String) : [];
	return { subject: title, text: [title, ...lines, '详情请登录一件事服务平台查看。'].join('\n') };
}

export function notificationProvider(store: Pick<Store, 'accounts'>, channels: { sms: Channel; email: Channel }): Provider {
	return async (m): Promise<Delivery> => {
		const account = m.recipientId ? await store.accounts.get(m.recipientId) : undefined;
		const prefs = notifyPrefs(account);
		const phone = typeof account?.profile?.phone === 'string' ? account.profile.phone : undefined;
		const { subject, text } = textOf(m);
		// a retry sends only what failed: the channels already delivered are kept with the message
		const sent = new Set(Array.isArray(m.payload.sentChannels) ? m.payload.sentChannels.map(String) : []);
		const failed: string[] = [];
		const attempt = async (channel: string, what: string, run: () => Promise<void>) => {
			if (sent.has(channel)) return;
			try {
				await run();
				sent.add(channel);
			} catch (e) {
				failed.push(`${what}：${e instanceof Error ? e.message : String(e)}`);
			}
		};
		if (prefs.sms && phone) await attempt('sms', '短信', () => channels.sms.send(phone, subject, text));
		if (prefs.email) await attempt('email', '电子邮件', () => channels.email.send(prefs.email!, subject, text));
		const payload = sent.size ? { payload: { ...m.payload, sentChannels: [...sent] } } : {};
		if (failed.length) return { delivered: false, error: failed.join('；'), ...payload };
		// one line per delivered notification (what operators grep for; the two-server test counts them)
		console.log(`[通知] ${m.id} → ${m.recipientId ?? '-'}：${m.topic}${m.payload.receiptNumber ? ` ${String(m.payload.receiptNumber)}` : ''}`);
		return { delivered: true };
	};
}

/** The notification provider the app runs with, from the environment (webhooks: webhooks.ts). */
export function appProviders(store: Pick<Store, 'accounts'>, env: NodeJS.ProcessEnv = process.env): Providers {
	const email = env.SMTP_URL ? smtpChannel(env.SMTP_URL, env.SMTP_FROM ?? '一件事服务平台 <noreply@localhost>') : logChannel('邮件');
	return { notification: notificationProvider(store, { sms: logChannel('短信'), email }) };
}
