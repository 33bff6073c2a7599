import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { internalErrorDiagnostic } from '../service';
import type { CheckJob, JobOptions, JobOutcome } from './checkJob';

interface WorkerInput {
  alphanodeCheck: { jobs: CheckJob[]; cwd: string; options: JobOptions };
}

/**
 * Splits the jobs into one contiguous slice per worker (so results keep their order) and
 * runs each slice in worker threads started from this same bundle. A worker posts each
 * file's result as soon as it has it, so when a worker dies (a file that exhausts its
 * memory, say) the file it was on is known: that file gets an `internal-error`, and a new
 * worker goes on with the rest of the slice. One bad file never stops the run.
 */
export async function runInWorkers(jobs: CheckJob[], cwd: string, options: JobOptions, workers: number, onDone: () => void = () => undefined): Promise<JobOutcome[]> {
  const size = Math.ceil(jobs.length / workers);
  const slices = Array.from({ length: workers }, (_, i) => jobs.slice(i * size, (i + 1) * size)).filter((slice) => slice.length > 0);
  const results = await Promise.all(slices.map((slice) => runSlice(slice, cwd, options, onDone)));
  return results.flat();
}

async function runSlice(jobs: CheckJob[], cwd: string, options: JobOptions, onDone: () => void): Promise<JobOutcome[]> {
  const results: JobOutcome[] = [];
  const add = (outcome: JobOutcome) => {
    results.push(outcome);
    onDone();
  };
  while (results.length < jobs.length) {
    const failure = await runWorker(jobs.slice(results.length), cwd, options, add);
    if (failure !== undefined && results.length < jobs.length) {
      const job = jobs[results.length];
      add({ result: { path: job.shown, diagnostics: [internalErrorDiagnostic(`This file could not be checked: the checker stopped on it (${failure}). Please report this with the file.`)] } });
    }
  }
  return results;
}

/** Runs one worker over `jobs`; resolves with why it stopped early, or undefined when it finished them. */
function runWorker(jobs: CheckJob[], cwd: string, options: JobOptions, onResult: (result: JobOutcome) => void): Promise<string | undefined> {
  return new Promise((resolve) => {
    let received = 0;
    let failure: string | undefined;
    const input: WorkerInput = { alphanodeCheck: { jobs, cwd, options } };
    const worker = new Worker(__filename, { workerData: input });
    worker.on('message', (result: JobOutcome) => {
      received++;
      onResult(result);
    });
    worker.once('error', (error) => {
      failure = error.message;
    });
    worker.once('exit', (code) => resolve(received === jobs.length ? undefined : failure ?? `exit code ${code}`));
  });
}

/** True in a worker started by runInWorkers: the entry point then runs its slice instead of the CLI. */
export function isCheckWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerInput> | undefined)?.alphanodeCheck !== undefined;
}

export function runCheckWorker(run: (jobs: CheckJob[], cwd: string, options: JobOptions) => JobOutcome[]): void {
  const { jobs, cwd, options } = (workerData as WorkerInput).alphanodeCheck;
  // One job at a time, each result posted at once (see runInWorkers).
  for (const job of jobs) parentPort!.postMessage(run([job], cwd, options)[0]);
}
