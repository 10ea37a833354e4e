import type { Actor } from './core/store';

declare global {
	namespace App {
		interface Locals {
			actor?: Actor;
		}
	}
}
export {};
