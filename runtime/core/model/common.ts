import { z } from 'zod';

export const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, '只能包含小写字母、数字和连字符 (lowercase letters, digits, hyphens)');
export const Ident = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, '须为字母开头的标识符 (identifier)');
/** Working days in half-day steps. */
export const WorkingDays = z.number().min(0).multipleOf(0.5, '工作日须以半天为单位 (half-day steps)');
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const Phone = z.string().regex(/^[0-9+\-() ]{5,20}$/, '电话号码格式不正确');
/** A file shipped with the catalog (definitions/files/…) or an absolute URL. */
export const FileRef = z.string().min(1);
/** The model version definitions are written against; older ones are lifted by model/migrations.ts before parsing. */
export const SCHEMA_VERSION = 2;
export const SchemaVersion = z.literal(SCHEMA_VERSION).default(SCHEMA_VERSION).describe('模型版本 (absent = 1, migrated on load)');
