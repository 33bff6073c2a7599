import * as z from 'zod';
import { DEFAULT_TEMPLATE } from './service/workspace';

/**
 * The `alphanode.*` settings as the server reads them, one zod schema: a bad user value
 * falls back to its default instead of breaking validation.
 */
export const settingsSchema = z.object({
  files: z.array(z.string()).catch([...DEFAULT_TEMPLATE.files]).describe('Globs of the Markdown files that are posts (editor only; `files` in `.alphanode.yaml` overrides them and is what `alphanode check` uses).'),
  owner: z.string().catch('').default('').describe('The rollback note owner that Insert Rollback Note and the fixes write; empty: the client\'s fallback (git user.name, then the OS user).'),
  trace: z.object({ server: z.enum(['off', 'messages', 'verbose']).catch('off') }).catch({ server: 'off' }),
});

export type Settings = z.infer<typeof settingsSchema>;

export function parseSettings(raw: unknown): Settings {
  return settingsSchema.parse(raw ?? {});
}
