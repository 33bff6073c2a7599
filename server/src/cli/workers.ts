import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { CheckJob, CheckOptions } from './check';
import type { FileResult } from './format';

interface WorkerInput {
  alphanodeCheck: { jobs: CheckJob[]; cwd: string; options: CheckOptions };
}

/**
 * Splits the jobs into one contiguous slice per worker (so results keep their order) and
 * runs each slice in a worker thread started from this same bundle.
 */
export async function runInWorkers(jobs: CheckJob[], cwd: string, options: CheckOptions, workers: number): Promise<Array<FileResult | undefined>> {
  const size = Math.ceil(jobs.length / workers);
  const slices = Array.from({ length: workers }, (_, i) => jobs.slice(i * size, (i + 1) * size)).filter((slice) => slice.length > 0);
  const results = await Promise.all(slices.map((slice) => new Promise<Array<FileResult | undefined>>((resolve, reject) => {
    const input: WorkerInput = { alphanodeCheck: { jobs: slice, cwd, options } };
    const worker = new Worker(__filename, { workerData: input });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`check worker exited with code ${code}`));
    });
  })));
  return results.flat();
}

/** True in a worker started by runInWorkers: the entry point then runs its slice instead of the CLI. */
export function isCheckWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerInput> | undefined)?.alphanodeCheck !== undefined;
}

export function runCheckWorker(run: (jobs: CheckJob[], cwd: string, options: CheckOptions) => Array<FileResult | undefined>): void {
  const { jobs, cwd, options } = (workerData as WorkerInput).alphanodeCheck;
  parentPort!.postMessage(run(jobs, cwd, options));
}
