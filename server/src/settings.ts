import * as z from 'zod/mini';
import { DEFAULT_TEMPLATE } from './service/workspace';

/**
 * The `alphanode.*` settings as the server reads them, one zod schema: a bad user value
 * falls back to its default instead of breaking validation.
 */
export const settingsSchema = z.object({
  files: z.catch(z.array(z.string()), [...DEFAULT_TEMPLATE.files]).check(z.describe('Globs of the Markdown files that are posts (editor only; `files` in `.alphanode.yaml` overrides them and is what `alphanode check` uses).')),
  owner: z._default(z.catch(z.string(), ''), '').check(z.describe('The rollback note owner that Insert Rollback Note and the fixes write; empty: the client\'s fallback (git user.name, then the OS user).')),
  trace: z.catch(z.object({ server: z.catch(z.enum(['off', 'messages', 'verbose']), 'off') }), { server: 'off' }),
});

export type Settings = z.infer<typeof settingsSchema>;

export function parseSettings(raw: unknown): Settings {
  return settingsSchema.parse(raw ?? {});
}
