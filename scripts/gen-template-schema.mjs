// Writes schemas/alphanode-template.schema.json, the JSON Schema of `.alphanode.yaml`, from
// the zod schema in server/src/service/templateSchema.ts (the single source of truth). The
// extension registers it for `.alphanode.yaml` (package.json contributes.yamlValidation).
// `--check` fails instead when the committed file is out of date (CI drift check).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { z } = require('zod');
const { templateFileSchema } = require('../out/server/src/service/templateSchema.js');

// `input`: what a team writes (every key optional, defaults shown), not what parsing yields.
const generated = z.toJSONSchema(templateFileSchema, { io: 'input', target: 'draft-7' });
const schema = { $schema: generated.$schema, title: 'Alphanode team template (.alphanode.yaml)', ...generated };
const text = `${JSON.stringify(schema, null, 2)}\n`;
const target = new URL('../schemas/alphanode-template.schema.json', import.meta.url);

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing counts as out of date
  }
  if (current !== text) {
    console.error('schemas/alphanode-template.schema.json is out of date: run `npm run schema` and commit it.');
    process.exit(1);
  }
  console.log('schemas/alphanode-template.schema.json is up to date.');
} else {
  writeFileSync(target, text);
  console.log(`schemas/alphanode-template.schema.json: ${Object.keys(schema.properties).length} top-level keys`);
}
