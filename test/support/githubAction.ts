/**
 * Runs the composite action (action.yml) as the GitHub runner does: each step's `run` with
 * `bash --noprofile --norc -eo pipefail`, its `env` values' `${{ … }}` filled in (inputs,
 * github.action_path, earlier steps' outputs from $GITHUB_OUTPUT), until a step fails.
 * Asynchronous, so that a test may serve a registry from its own process meanwhile.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './fixtures';

export interface ActionStep { id?: string; name: string; shell: string; env?: Record<string, string>; run: string }
export interface Action { inputs: Record<string, { default?: string }>; runs: { using: string; steps: ActionStep[] } }

export const ACTION = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as Action;

interface Context { inputs: Record<string, string>; actionPath: string; outputs: Record<string, Record<string, string>> }

/** What `${{ expression }}` in a step's env becomes, for the expressions the action uses. */
function expand(value: string, context: Context): string {
  return value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expression: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expression);
    if (input) return context.inputs[input[1]] ?? '';
    if (expression === 'github.action_path') return context.actionPath;
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
    if (output) return context.outputs[output[1]]?.[output[2]] ?? '';
    throw new Error(`action.yml uses an expression the test runner does not know: ${expression}`);
  });
}

export interface ActionRun { status: number | null; stdout: string; stderr: string }

export interface ActionOptions {
  /** Where the action is checked out (github.action_path); the repository by default. */
  actionPath?: string;
  /** $RUNNER_TEMP. */
  runnerTemp: string;
  /** More environment for every step (e.g. npm's registry). */
  env?: Record<string, string>;
}

export async function runAction(cwd: string, given: Record<string, string>, options: ActionOptions): Promise<ActionRun> {
  const actionPath = options.actionPath ?? REPO_ROOT;
  const inputs = Object.fromEntries(Object.entries(ACTION.inputs).map(([name, input]) => [name, given[name] ?? input.default ?? '']));
  const context: Context = { inputs, actionPath, outputs: {} };
  let stdout = '';
  let stderr = '';
  for (const [index, step] of ACTION.runs.steps.entries()) {
    const outputFile = join(options.runnerTemp, `github-output-${index}`);
    writeFileSync(outputFile, '');
    const env = {
      ...process.env,
      PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
      GITHUB_ACTION_PATH: actionPath,
      GITHUB_OUTPUT: outputFile,
      RUNNER_TEMP: options.runnerTemp,
      ...options.env,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, expand(value, context)])),
    };
    const result = await bash(step.run, cwd, env);
    stdout += result.stdout;
    stderr += result.stderr;
    if (step.id) {
      const lines = readFileSync(outputFile, 'utf8').split('\n').filter(Boolean);
      context.outputs[step.id] = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    }
    rmSync(outputFile);
    if (result.status !== 0) return { status: result.status, stdout, stderr };
  }
  return { status: 0, stdout, stderr };
}

function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<ActionRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill(), 120_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
