/**
 * The words on the state diagram's edges, in zh-CN and English: each trigger of the shared
 * transition table (an application call, a segment that arrives, a timer) and each segment a
 * transition sends, written the way RFC 793's figure and the textbooks label their arrows
 * ("rcv SYN / snd SYN,ACK"). Keyed by the table's own names, so a trigger added there without words
 * here does not compile.
 */
import type { Lang } from '../../../shared/i18n';
import type { Trigger, WireKind } from '../../../shared/tcp/transitions';

export interface DiagramTexts {
  triggers: Record<Trigger, string>;
  /** The segment a transition sends; '' for none. */
  wire: Record<WireKind, string>;
}

/** The application's calls, written as code in both languages. */
const CALLS = {
  'call:listen': 'listen()',
  'call:connect': 'connect()',
  'call:close': 'close()',
  'call:send': 'send()',
  'call:abort': 'abort()',
} as const;

const EN: DiagramTexts = {
  triggers: {
    ...CALLS,
    'send:SYN': 'snd SYN',
    'send:SYN_ACK': 'snd SYN,ACK',
    'send:ACK': 'snd ACK',
    'send:DATA': 'snd data',
    'send:FIN': 'snd FIN',
    'send:RST': 'snd RST',
    'rcv:SYN': 'rcv SYN',
    'rcv:SYN_ACK': 'rcv SYN,ACK',
    'rcv:BAD_SYN_ACK': 'rcv wrong SYN,ACK',
    'rcv:RST_ACK': 'rcv RST,ACK',
    'rcv:ACK_OF_SYN': 'rcv ACK of SYN',
    'rcv:ACK_OF_FIN': 'rcv ACK of FIN',
    'rcv:FIN': 'rcv FIN',
    'rcv:FIN_ACK_OF_FIN': 'rcv FIN + ACK of FIN',
    'rcv:DATA': 'rcv data',
    'rcv:ACK': 'rcv ACK',
    'rcv:RST': 'rcv RST',
    'rcv:STRAY': 'rcv stray segment',
    'timer:2MSL': '2MSL timeout',
    'timer:RTO': 'RTO timeout',
    'timer:SYN_RCVD': 'half-open timeout',
  },
  wire: {
    none: '',
    SYN: 'snd SYN',
    'SYN,ACK': 'snd SYN,ACK',
    ACK: 'snd ACK',
    'FIN,ACK': 'snd FIN,ACK',
    RST: 'snd RST',
    'RST,ACK': 'snd RST,ACK',
    data: 'snd data',
    retransmission: 'retransmit',
  },
};

const ZH_CN: DiagramTexts = {
  triggers: {
    ...CALLS,
    'send:SYN': '发 SYN',
    'send:SYN_ACK': '发 SYN,ACK',
    'send:ACK': '发 ACK',
    'send:DATA': '发数据',
    'send:FIN': '发 FIN',
    'send:RST': '发 RST',
    'rcv:SYN': '收到 SYN',
    'rcv:SYN_ACK': '收到 SYN,ACK',
    'rcv:BAD_SYN_ACK': '收到不对的 SYN,ACK',
    'rcv:RST_ACK': '收到 RST,ACK',
    'rcv:ACK_OF_SYN': '收到 SYN 的 ACK',
    'rcv:ACK_OF_FIN': '收到 FIN 的 ACK',
    'rcv:FIN': '收到 FIN',
    'rcv:FIN_ACK_OF_FIN': '收到 FIN 及 FIN 的 ACK',
    'rcv:DATA': '收到数据',
    'rcv:ACK': '收到 ACK',
    'rcv:RST': '收到 RST',
    'rcv:STRAY': '收到无主报文段',
    'timer:2MSL': '2MSL 超时',
    'timer:RTO': '重传超时',
    'timer:SYN_RCVD': '半连接超时',
  },
  wire: {
    none: '',
    SYN: '发 SYN',
    'SYN,ACK': '发 SYN,ACK',
    ACK: '发 ACK',
    'FIN,ACK': '发 FIN,ACK',
    RST: '发 RST',
    'RST,ACK': '发 RST,ACK',
    data: '发数据',
    retransmission: '重传',
  },
};

export const DIAGRAM_TEXTS: Readonly<Record<Lang, DiagramTexts>> = { 'zh-CN': ZH_CN, en: EN };
