import path from 'node:path';
import { Worker } from 'node:worker_threads';

export interface BMatchingProblem {
  /** How many left vertices (each matched at most once). */
  left: number;
  /** Each right vertex's capacity. */
  capacity: ArrayLike<number>;
  /** Edge endpoints and weights; an edge with `fixed` set is always chosen. */
  edgeLeft: Int32Array;
  edgeRight: Int32Array;
  weight: Float64Array;
  fixed?: Uint8Array;
}

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, { resolve: (chosen: number[]) => void; reject: (error: Error) => void }>();

/** The solver thread, started on first use and restarted after a crash; it never keeps the process alive. */
function solverThread() {
  if (worker) return worker;
  const started = new Worker(path.resolve(process.cwd(), 'app/lib/highs-worker.mjs'));
  started.unref();
  started.on('message', (message: { id: number; chosen?: number[]; error?: string }) => {
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.error !== undefined) waiting?.reject(new Error(message.error));
    else waiting?.resolve(message.chosen ?? []);
  });
  const fail = (error: Error) => {
    worker = null;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`the HiGHS solver thread exited with code ${code}`)));
  worker = started;
  return started;
}

/**
 * A maximum-weight bipartite b-matching (each left vertex at most once, each right vertex at most
 * its capacity, fixed edges always in) solved with HiGHS in a worker thread (app/lib/highs-worker.mjs),
 * so a solve of several seconds does not stall the web server. The constraint matrix is totally
 * unimodular, so the LP's optimal vertex found by the simplex is integral; should HiGHS ever
 * return a fractional solution the model is solved again as a MIP. Returns the chosen edges'
 * indices. Used by the feriejobb max-coverage mode and Stockholmsmentor's cohort pairing.
 */
export function solveBMatching(problem: BMatchingProblem): Promise<number[]> {
  if (problem.weight.length === 0) return Promise.resolve([]);
  const id = nextId++;
  const thread = solverThread();
  return new Promise<number[]>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    thread.ref();
    thread.postMessage({ id, problem: { ...problem, capacity: Float64Array.from(problem.capacity) } });
  }).finally(() => {
    if (pending.size === 0) worker?.unref();
  });
}
