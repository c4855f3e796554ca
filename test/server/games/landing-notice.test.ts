/**
 * A sender learns nothing it must act on when its segment lands, only what the landing did to the
 * peer (its state): that news waits up to LANDING_NOTICE_MS for the seat's next update to go with
 * (mostly the peer's answer), and is sent alone when none comes by then.
 */
import { Harness, type TestClient } from '../../helpers/server-harness';

/** a (client) sends its SYN to b (server, listening) and the SYN lands at b. */
async function synLanded(h: Harness): Promise<{ a: TestClient; b: TestClient; before: number }> {
  const [a, b] = await h.listeningPair();
  const before = a.received.length;
  expect((await a.playCorrect()).ok).toBe(true);
  await h.advanceBy(h.config.settings.flightMs);
  await h.settle();
  await b.waitFor((c) => c.view!.you.record.state === 'SYN_RCVD', 'the SYN to land at b');
  return { a, b, before };
}

describe('the news of a landing, with the default wait', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(async () => {
    await h.close();
  });

  test('is not pushed at the landing; it is sent alone once the wait is over', async () => {
    expect(h.config.landingNoticeMs).toBeGreaterThan(0);
    const { a, before } = await synLanded(h);
    expect(a.received.length).toBe(before);
    expect(a.view!.peer.state).toBe('LISTEN');
    await h.advanceBy(h.config.landingNoticeMs - 1);
    await h.settle();
    expect(a.received.length).toBe(before);
    await h.advanceBy(1);
    await a.waitFor((c) => c.received.length === before + 1, 'the landing news');
    expect(a.view!.peer.state).toBe('SYN_RCVD');
    // the SYN left a's wire with its landing, and the log says where it landed
    expect(a.view!.wire).toEqual([]);
    expect(a.view!.log.at(-1)).toMatchObject({ type: 'arrive', side: 'server' });
    expect(a.gaps).toEqual([]);
  });

  test("goes with the peer's answer when that comes first: one update, and none after", async () => {
    const { a, b, before } = await synLanded(h);
    expect((await b.playCorrect()).ok).toBe(true);
    await a.waitFor((c) => c.received.length === before + 1, "b's SYN,ACK");
    expect(a.view!.peer.state).toBe('SYN_RCVD');
    expect(a.view!.wire.map((w) => w.segment.flags)).toEqual([['SYN', 'ACK']]);
    await h.advanceBy(h.config.landingNoticeMs);
    await h.settle();
    expect(a.received.length).toBe(before + 1);
    expect(a.gaps).toEqual([]);
  });
});

test('with LANDING_NOTICE_MS 0 the landing news is pushed at once', async () => {
  const h = await Harness.start({ config: { landingNoticeMs: 0 } });
  try {
    const { a, before } = await synLanded(h);
    await a.waitFor((c) => c.received.length === before + 1, 'the landing news');
    expect(a.view!.peer.state).toBe('SYN_RCVD');
  } finally {
    await h.close();
  }
});
