/**
 * The /replay page's worker: reads the capture and judges its connections off the page's thread, so
 * a capture with thousands of connections lists at once and the page stays responsive while they
 * are judged. Judging yields between batches so that a connection opened meanwhile is answered.
 */
import { CaptureJob, type FromWorker, type ToWorker } from './capture-job';

/** How long one batch of judging may hold the worker before it looks at its messages again. */
const BATCH_MS = 30;

let job: CaptureJob | null = null;

function post(m: FromWorker): void {
  self.postMessage(m);
}

function judgeLater(j: CaptureJob): void {
  setTimeout(() => {
    if (job !== j || !j.pending) return;
    post(j.judgeSome(BATCH_MS));
    judgeLater(j);
  }, 0);
}

self.addEventListener('message', (ev: MessageEvent<ToWorker>) => {
  const m = ev.data;
  if (m.kind === 'read') {
    job = new CaptureJob(m.file, m.name, new Uint8Array(m.bytes));
    post(job.first);
    if (job.first.kind === 'read') judgeLater(job);
  } else if (job && job.file === m.file) {
    post(job.replay(m.stream));
  }
});
