// Writes schemas/alphanode-template.schema.json, the JSON Schema of `.alphanode.yaml`, from
// the zod schema in server/src/service/workspace/templateSchema.ts (the single source of truth). The
// extension registers it for `.alphanode.yaml` (package.json contributes.yamlValidation).
// `--check` fails instead when the committed file is out of date (CI drift check).
import { createRequire } from 'node:module';
import { writeOrCheck } from './lib/generated.mjs';

const require = createRequire(import.meta.url);
const { z } = require('zod');
const { templateFileSchema } = require('../out/server/src/service/workspace/templateSchema.js');

// `input`: what a team writes (every key optional, defaults shown), not what parsing yields.
const generated = z.toJSONSchema(templateFileSchema, { io: 'input', target: 'draft-7' });
const schema = { $schema: generated.$schema, title: 'Alphanode team template (.alphanode.yaml)', ...generated };
const text = `${JSON.stringify(schema, null, 2)}\n`;
const target = new URL('../schemas/alphanode-template.schema.json', import.meta.url);

writeOrCheck(target, text, { regenerate: 'npm run schema', summary: `${Object.keys(schema.properties).length} top-level keys` });
