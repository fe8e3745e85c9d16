/** Messages between a job's worker thread and the main thread. */
export interface ProgressMessage {
  type: 'progress';
  phase: string;
  done: number;
  total: number;
}
export interface DoneMessage<O = unknown> {
  type: 'done';
  result: O;
}
export interface ErrorMessage {
  type: 'error';
  message: string;
  stack?: string;
}
export type WorkerMessage<O = unknown> = ProgressMessage | DoneMessage<O> | ErrorMessage;

/** What the worker receives as workerData: the module to load (for the tsx bootstrap) and the task's input. */
export interface JobData<I = unknown> {
  entry: string;
  input: I;
}
