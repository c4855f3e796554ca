/**
 * class:lan over the real server: the host is told the addresses phones could open the server at,
 * from the machine's interfaces (a fixed list here, never the real network); none when the server
 * listens on loopback only or the interfaces cannot be read; only the host may ask; a bad payload
 * is refused.
 */
import type { Config } from '../../../server/config';
import type { InterfaceSource } from '../../../server/classes/lan-addresses';
import { Harness } from '../../helpers/server-harness';
import { setupClass } from '../../helpers/class-harness';
import { v4 } from '../../helpers/network-interfaces';

const SCHOOL: InterfaceSource = () => ({
  lo: [v4('127.0.0.1', true)],
  docker0: [v4('172.17.0.1')],
  wlan0: [v4('192.168.31.20')],
});

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function start(networkInterfaces: InterfaceSource, config: Partial<Config> = {}): Promise<Harness> {
  h = await Harness.start({ networkInterfaces, config: { host: '0.0.0.0', ...config } });
  return h;
}

const refused = (code: string) => ({ ok: false, error: expect.objectContaining({ code }) });

test('the host gets the LAN addresses, the likeliest first', async () => {
  const setup = await setupClass(await start(SCHOOL), 1);
  expect(await setup.host.c.request('class:lan', {})).toEqual({
    ok: true,
    data: {
      addresses: [
        { name: 'wlan0', address: '192.168.31.20', virtual: false },
        { name: 'docker0', address: '172.17.0.1', virtual: true },
      ],
      loopbackOnly: false,
      publicUrl: null,
    },
  });
});

test('a server listening on loopback only: no address, and it says so; PUBLIC_URL is given back', async () => {
  const setup = await setupClass(
    await start(SCHOOL, { host: '127.0.0.1', publicUrl: 'http://arena.school.example' }),
    1,
  );
  expect(await setup.host.c.must('class:lan', {})).toEqual({
    addresses: [],
    loopbackOnly: true,
    publicUrl: 'http://arena.school.example',
  });
});

test('interfaces that cannot be read, or none: an empty list, not an error', async () => {
  const setup = await setupClass(
    await start(() => {
      throw new Error('EPERM: uv_interface_addresses');
    }),
    1,
  );
  expect(await setup.host.c.must('class:lan', {})).toEqual({
    addresses: [],
    loopbackOnly: false,
    publicUrl: null,
  });
  await h!.close();
  const again = await setupClass(await start(() => ({ lo: [v4('127.0.0.1', true)] })), 1);
  expect((await again.host.c.must('class:lan', {})).addresses).toEqual([]);
});

test('only the host may ask; a bad payload is BAD_PAYLOAD', async () => {
  const hh = await start(SCHOOL);
  const setup = await setupClass(hh, 1);
  expect(await setup.students[0]!.c.request('class:lan', {})).toEqual(refused('NOT_HOST'));
  const stranger = await hh.connect();
  expect(await stranger.request('class:lan', {})).toEqual(refused('NOT_HOST'));
  for (const payload of [{ iface: 'eth0' }, null, 'all'])
    expect(await setup.host.c.request('class:lan', payload)).toEqual(refused('BAD_PAYLOAD'));
});
