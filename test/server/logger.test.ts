import { Writable } from 'node:stream';
import { createLogger, lazyChild } from '../../server/logger';

function capture(): { lines: Array<Record<string, unknown>>; stream: Writable } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n'))
        if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

test('lazyChild makes its child only when something is logged, with the bindings of that moment', () => {
  const { lines, stream } = capture();
  const logger = createLogger('debug', stream);
  let made = 0;
  const child = logger.child.bind(logger);
  logger.child = ((b: Record<string, unknown>) => {
    made++;
    return child(b);
  }) as typeof logger.child;
  let session = 's1';
  const log = lazyChild(logger, () => ({ event: 'game:move', sessionId: session }));
  expect(made).toBe(0);
  session = 's2';
  log.warn({ detail: 'x' }, 'bad payload');
  log.debug('again');
  expect(made).toBe(1);
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatchObject({ event: 'game:move', sessionId: 's2', detail: 'x', msg: 'bad payload' });
  expect(lines[1]).toMatchObject({ event: 'game:move', sessionId: 's2', msg: 'again' });
  // one never logged through makes no child
  lazyChild(logger, () => ({ unused: true }));
  expect(made).toBe(1);
});
