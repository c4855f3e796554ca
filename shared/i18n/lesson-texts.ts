/**
 * The steps of the scenarios' lessons (shared/game/lesson-steps.ts) in words: what had to happen.
 * A round summary lists the ones that did not, so a pair learns which step of the lesson it skipped.
 */
import type { LessonStep } from '../game/lesson-steps';
import type { Lang } from './index';

export const LESSON_TEXTS: Record<Lang, Record<LessonStep, string>> = {
  'zh-CN': {
    'server:rcv:RCV_SYN_LISTEN': '处于 LISTEN 的服务器收到 SYN，进入 SYN_RCVD。',
    'client:rcv:RCV_HANDSHAKE_DONE': '客户端收到 SYN,ACK，连接在客户端一侧建立（ESTABLISHED）。',
    'server:rcv:RCV_HANDSHAKE_DONE': '服务器收到第三次握手的 ACK，连接在服务器一侧建立。',
    'client:rcv:RCV_STRAY_SEGMENT': '没有发起连接的客户端收到一个它从没请求过的 SYN,ACK。',
    'server:rcv:RCV_RESET_TO_LISTEN': '客户端的 RST 到达服务器，服务器丢掉半开连接，回到 LISTEN。',
    'server:rcv:RCV_FIN': '客户端的 FIN 到达服务器，服务器进入 CLOSE_WAIT。',
    'client:rcv:RCV_FIN': '服务器的 FIN 到达客户端，客户端进入 CLOSE_WAIT。',
    'client:state:FIN_WAIT_2':
      '客户端的 FIN 被单独确认，客户端进入 FIN_WAIT_2（ACK 和对方的 FIN 分两次到达）。',
    'server:state:FIN_WAIT_2':
      '服务器的 FIN 被单独确认，服务器进入 FIN_WAIT_2（ACK 和对方的 FIN 分两次到达）。',
    'client:rcv:RCV_DUPLICATE': '网络复制出的旧报文段到达客户端，被当作重复报文段，用 ACK 回应。',
    'server:state:LAST_ACK': '服务器调用 close() 发出自己的 FIN，进入 LAST_ACK。',
    'client:state:LAST_ACK': '客户端调用 close() 发出自己的 FIN，进入 LAST_ACK。',
    'client:2msl': '客户端在 TIME_WAIT 中等满 2MSL，才进入 CLOSED。',
    'server:2msl': '服务器在 TIME_WAIT 中等满 2MSL，才进入 CLOSED。',
    'server:fin-on-ack': '服务器把自己的 FIN 放在确认客户端 FIN 的 ACK 上一起发出（挥手只用三个报文段）。',
    'server:retransmit:FIN': '服务器的重传定时器到期，它重传了 FIN。',
    'client:rcv:RCV_TIME_WAIT_RESTART':
      '重传的 FIN 到达 TIME_WAIT 中的客户端：客户端再次 ACK，并重新开始 2MSL 计时。',
    'client:retransmit:SYN': '客户端的重传定时器到期，它用同一个 seq 重传了 SYN。',
    'server:retransmit:SYN_ACK': '服务器的重传定时器到期，它用同一个 seq 重传了 SYN,ACK。',
    'client:rcv:RCV_SIMULTANEOUS_OPEN': '服务器的 SYN 在客户端处于 SYN_SENT 时到达，客户端进入 SYN_RCVD。',
    'server:rcv:RCV_SIMULTANEOUS_OPEN': '客户端的 SYN 在服务器处于 SYN_SENT 时到达，服务器进入 SYN_RCVD。',
    'client:state:CLOSING': '两个 FIN 在网络中交叉，客户端进入 CLOSING。',
    'server:state:CLOSING': '两个 FIN 在网络中交叉，服务器进入 CLOSING。',
    'server:rcv:RCV_NO_LISTENER': 'SYN 到达一个没有监听的端口。',
    'client:rcv:RCV_REFUSED': '服务器的 RST,ACK 到达客户端：连接被拒绝，客户端回到 CLOSED。',
    'server:state:CLOSE_WAIT': '服务器收到 FIN 后进入 CLOSE_WAIT，且一直停在那里。',
  },
  en: {
    'server:rcv:RCV_SYN_LISTEN': 'The SYN reached the server in LISTEN, which went to SYN_RCVD.',
    'client:rcv:RCV_HANDSHAKE_DONE':
      "The SYN,ACK reached the client: the connection was established on the client's side.",
    'server:rcv:RCV_HANDSHAKE_DONE':
      "The handshake's third segment (the ACK) reached the server: established on its side too.",
    'client:rcv:RCV_STRAY_SEGMENT':
      'A SYN,ACK the client never asked for reached the client, which was not connecting.',
    'server:rcv:RCV_RESET_TO_LISTEN':
      "The client's RST reached the server, which dropped the half-open connection and went back to LISTEN.",
    'server:rcv:RCV_FIN': "The client's FIN reached the server, which went to CLOSE_WAIT.",
    'client:rcv:RCV_FIN': "The server's FIN reached the client, which went to CLOSE_WAIT.",
    'client:state:FIN_WAIT_2':
      "The client's FIN was acknowledged on its own: FIN_WAIT_2 (the ACK and the other FIN came separately).",
    'server:state:FIN_WAIT_2':
      "The server's FIN was acknowledged on its own: FIN_WAIT_2 (the ACK and the other FIN came separately).",
    'client:rcv:RCV_DUPLICATE':
      'The old copy the network made reached the client as a duplicate and was answered with an ACK.',
    'server:state:LAST_ACK': 'The server called close() and sent its own FIN: LAST_ACK.',
    'client:state:LAST_ACK': 'The client called close() and sent its own FIN: LAST_ACK.',
    'client:2msl': 'The client waited the whole 2MSL in TIME_WAIT before going to CLOSED.',
    'server:2msl': 'The server waited the whole 2MSL in TIME_WAIT before going to CLOSED.',
    'server:fin-on-ack': "The server put its FIN on the ACK of the client's FIN (a three-segment teardown).",
    'server:retransmit:FIN': "The server's retransmission timer fired and it sent its FIN again.",
    'client:rcv:RCV_TIME_WAIT_RESTART':
      'The retransmitted FIN reached the client in TIME_WAIT: it sent its ACK again and restarted 2MSL.',
    'client:retransmit:SYN':
      "The client's retransmission timer fired and it sent its SYN again with the same seq.",
    'server:retransmit:SYN_ACK':
      "The server's retransmission timer fired and it sent its SYN,ACK again with the same seq.",
    'client:rcv:RCV_SIMULTANEOUS_OPEN':
      "The server's SYN reached the client in SYN_SENT, which went to SYN_RCVD.",
    'server:rcv:RCV_SIMULTANEOUS_OPEN':
      "The client's SYN reached the server in SYN_SENT, which went to SYN_RCVD.",
    'client:state:CLOSING': 'The two FINs crossed: the client went to CLOSING.',
    'server:state:CLOSING': 'The two FINs crossed: the server went to CLOSING.',
    'server:rcv:RCV_NO_LISTENER': 'The SYN reached a port with no listener.',
    'client:rcv:RCV_REFUSED': "The server's RST,ACK reached the client: connection refused, back to CLOSED.",
    'server:state:CLOSE_WAIT': 'The server received the FIN, went to CLOSE_WAIT and stayed there.',
  },
};

/** What a lesson step is, in a language. */
export function lessonText(lang: Lang, step: LessonStep): string {
  return LESSON_TEXTS[lang][step];
}
