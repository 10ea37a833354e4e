import { randomBytes } from 'node:crypto';
import { PiiCipher } from '../../../runtime/server/pii';
import { PiiCodec } from '../../../runtime/server/pii-records';

/** A codec with a fresh key, for tests that open a store directly. */
export const testPii = () => new PiiCodec(new PiiCipher([randomBytes(32)], 'intl'));
