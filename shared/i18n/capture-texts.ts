/**
 * The comments written into an exported capture (pcapng opt_comment), in each language. Wireshark
 * shows them beside each packet: the game's verdict on the segment and what it did at its receiver.
 * Placeholders: {id} segment number, {from} and {to} the sides, {segment} flags and numbers,
 * {message} and {explain} a judge text, {n} a count, {of} the segment a copy was made of,
 * {scenario}, {client} and {server} for the title.
 */
import { fill, type Lang, type TextParams } from './index';

const EN = {
  segment: '#{id} {from} → {to} {segment}',
  accepted: 'accepted',
  retransmission: 'accepted, a retransmission',
  auto: 'played for the {from} (its time ran out)',
  arrived: 'at the {to}: {message} {explain}',
  lost: 'lost on the way: the {to} never received it, so it never acknowledges it.',
  inFlight: 'still on its way when the game ended.',
  injected:
    'sent by nobody in this game: an old segment the network delivered to the {to} (a SYN or data of an earlier connection on the same ports).',
  copy: 'a copy of #{of} the network made on the way.',
  trap: 'a deliberately wrong segment of the catch-the-error bot: the {to} must answer it as TCP would.',
  trapWhy: 'what is wrong: {message} {explain}',
  refused: 'refused, never on the wire: the {from} tried {segment}: {message} {explain}',
  refusedCall: 'refused, never on the wire: a call of the {from}: {message} {explain}',
  cut: 'the game keeps its last {n} entries only: earlier segments are not in this file.',
  title: 'Handshake Arena, scenario {scenario}: {client} is the client, {server} the server.',
  client: 'client',
  server: 'server',
};

type CaptureKey = keyof typeof EN;

const ZH_CN: Record<CaptureKey, string> = {
  segment: '#{id} {from} → {to} {segment}',
  accepted: '判定：正确',
  retransmission: '判定：正确，是一次重传',
  auto: '超时，由系统替{from}发出',
  arrived: '到达{to}：{message} {explain}',
  lost: '途中丢失：{to}从未收到它，所以也不会确认它。',
  inFlight: '对局结束时它还在路上。',
  injected: '本局中没有人发送它：这是网络送到{to}的旧报文段（同一对端口上先前连接的 SYN 或数据）。',
  copy: '网络在途中复制出的 #{of} 的副本。',
  trap: '“找茬”机器人故意发出的错误报文段：{to}必须像 TCP 那样回应它。',
  trapWhy: '错在哪里：{message} {explain}',
  refused: '被拒绝，从未上线：{from}试图发送 {segment}：{message} {explain}',
  refusedCall: '被拒绝，从未上线：{from}的一次调用：{message} {explain}',
  cut: '对局只保留最近的 {n} 条记录：更早的报文段不在此文件中。',
  title: 'Handshake Arena，场景 {scenario}：{client} 是客户端，{server} 是服务器。',
  client: '客户端',
  server: '服务器',
};

const CAPTURE_TEXTS: Record<Lang, Record<CaptureKey, string>> = { en: EN, 'zh-CN': ZH_CN };

/** A capture comment in a language, its placeholders filled. */
export function captureText(lang: Lang, key: CaptureKey, params: TextParams = {}): string {
  return fill(CAPTURE_TEXTS[lang][key], params);
}
