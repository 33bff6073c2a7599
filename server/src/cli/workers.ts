import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { internalErrorDiagnostic } from '../service';
import type { CheckJob, JobOptions, JobOutcome } from './checkJob';

interface WorkerInput {
  alphanodeCheck: { cwd: string; options: JobOptions };
}

/** Jobs per message: few enough messages that posting them costs nothing, small enough chunks that the workers end together. */
const CHUNK = 16;
/** Chunks a worker holds at once: the next is there when it finishes one, also while this thread is busy walking. */
const CHUNKS_AHEAD = 3;

/** A worker thread and the chunks (job indices) it was sent and has not answered yet, oldest first. */
interface Slot {
  worker: Worker;
  sent: number[][];
}

/**
 * Worker threads started from the CLI's entry, checking `jobs` (a list that grows while the
 * walk finds files) in chunks, each handed to whichever worker has the fewest waiting; the
 * outcomes keep the jobs' order. When a worker dies (a file that exhausts its memory, say),
 * the file it was on gets an `internal-error` and the rest go on: the jobs of a chunk it had
 * not answered are checked again one per message, so a worker that dies on a chunk of one
 * names its file. One bad file never stops the run.
 */
export class WorkerPool {
  private readonly outcomes: JobOutcome[] = [];
  private readonly slots = new Set<Slot>();
  /** Jobs from a dead worker's chunk, checked again one per chunk. */
  private readonly retries: number[] = [];
  /** The next job never sent. */
  private next = 0;
  private answered = 0;
  private finishing: { onDone: () => void; resolve: (outcomes: JobOutcome[]) => void } | undefined;

  constructor(
    /** The file each worker runs: one that calls runCheckWorker in a worker thread (the CLI's entry). */
    private readonly script: string,
    private readonly jobs: readonly CheckJob[],
    private readonly cwd: string,
    private readonly options: JobOptions,
  ) {}

  /** Starts workers until there are `count`. */
  grow(count: number): void {
    while (this.slots.size < count) this.start();
  }

  /** Sends the jobs found so far (whole chunks only, until `finish`) to workers that have room. */
  dispatch(): void {
    for (;;) {
      let slot: Slot | undefined;
      for (const candidate of this.slots) if (!slot || candidate.sent.length < slot.sent.length) slot = candidate;
      if (!slot || slot.sent.length >= CHUNKS_AHEAD) return;
      let chunk: number[];
      if (this.retries.length > 0) chunk = [this.retries.shift()!];
      else {
        const available = this.jobs.length - this.next;
        if (available === 0 || (available < CHUNK && !this.finishing)) return;
        chunk = Array.from({ length: Math.min(CHUNK, available) }, (_, i) => this.next + i);
        this.next += chunk.length;
      }
      slot.sent.push(chunk);
      slot.worker.postMessage(chunk.map((index) => this.jobs[index]));
    }
  }

  /** Every outcome, in job order, once all jobs (no more will be added) are checked; `onDone` after each. */
  finish(onDone: () => void): Promise<JobOutcome[]> {
    return new Promise((resolve) => {
      this.finishing = { onDone, resolve };
      // Outcomes that arrived while the walk went on are counted now.
      for (let i = 0; i < this.answered; i++) onDone();
      this.dispatch();
      this.settle();
    });
  }

  private start(): void {
    const input: WorkerInput = { alphanodeCheck: { cwd: this.cwd, options: this.options } };
    const slot: Slot = { worker: new Worker(this.script, { workerData: input }), sent: [] };
    this.slots.add(slot);
    let failure: string | undefined;
    slot.worker.on('message', (outcomes: JobOutcome[]) => {
      const chunk = slot.sent.shift()!;
      chunk.forEach((index, i) => this.answer(index, outcomes[i]));
      this.dispatch();
      this.settle();
    });
    slot.worker.once('error', (error) => {
      failure = error.message;
    });
    slot.worker.once('exit', (code) => {
      this.slots.delete(slot);
      if (slot.sent.length === 0) return;
      // It died on the first chunk it had not answered: a chunk of one names the file; a larger one is checked again a job at a time.
      const [first, ...rest] = slot.sent;
      if (first.length === 1) {
        const job = this.jobs[first[0]];
        const reason = failure ?? `exit code ${code}`;
        this.answer(first[0], { result: { path: job.shown, diagnostics: [internalErrorDiagnostic(`This file could not be checked: the checker stopped on it (${reason}). Please report this with the file.`)] } });
      } else this.retries.push(...first);
      for (const chunk of rest) this.retries.push(...chunk);
      this.retries.sort((a, b) => a - b);
      if (this.retries.length > 0 || this.next < this.jobs.length) this.start();
      this.dispatch();
      this.settle();
    });
  }

  private answer(index: number, outcome: JobOutcome): void {
    this.outcomes[index] = outcome;
    this.answered++;
    this.finishing?.onDone();
  }

  /** Resolves `finish` once every job is answered, and lets the workers end. */
  private settle(): void {
    if (!this.finishing || this.answered < this.jobs.length) return;
    for (const slot of this.slots) slot.worker.postMessage(null);
    this.slots.clear();
    this.finishing.resolve(this.outcomes);
  }
}

/** True in a worker started by WorkerPool: the entry point then checks the chunks it is sent instead of running the CLI. */
export function isCheckWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerInput> | undefined)?.alphanodeCheck !== undefined;
}

export function runCheckWorker(run: (jobs: CheckJob[], cwd: string, options: JobOptions) => JobOutcome[]): void {
  const { cwd, options } = (workerData as WorkerInput).alphanodeCheck;
  const port = parentPort!;
  port.on('message', (jobs: CheckJob[] | null) => {
    // null: nothing more to check; closing the port lets the thread end.
    if (jobs === null) port.close();
    else port.postMessage(run(jobs, cwd, options));
  });
}
