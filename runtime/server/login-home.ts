import type { Account } from '../core/store';

/** Where a sign-in lands without `next`: staff at the workbench, the administrator in the studio, citizens at their cases. */
export function homeOf(account: Account): string {
	const staff = account.roles.some((r) => r !== 'applicant' && r !== 'admin');
	return staff ? '/workbench' : account.roles.includes('admin') ? '/studio' : '/cases';
}
