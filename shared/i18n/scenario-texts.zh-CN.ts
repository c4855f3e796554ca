/** 各场景的简体中文文本（字段说明见 scenario-texts.ts）。 */
import type { ScenarioTexts } from './scenario-texts';

export const SCENARIO_TEXTS_ZH_CN: ScenarioTexts = {
  'three-way-handshake': {
    title: '三次握手',
    summary: '客户端发 SYN，服务器回 SYN,ACK，客户端再回 ACK，双方进入 ESTABLISHED。',
    teaches:
      '为什么是三次而不是四次：双方都要发出自己的 SYN，并得到对方的确认；服务器把自己的 SYN 和对客户端 SYN 的确认合进了同一个报文段。三个报文段走完，双方的 ISN 就同步好了：SYN,ACK 是 seq = y、ack = x+1，最后的 ACK 是 seq = x+1、ack = y+1。',
    goal: {
      client: '调用 connect() 发出 SYN，收到服务器的 SYN,ACK 后回复 ACK，进入 ESTABLISHED。',
      server: '调用 listen()，用 SYN,ACK 回应客户端的 SYN，等它的 ACK 到达后进入 ESTABLISHED。',
    },
  },

  'delayed-duplicate-syn': {
    title: '迟到的旧 SYN',
    summary:
      '一个早已作废的连接请求在网络里滞留许久，终于到达服务器；服务器照常回应，而客户端此时根本没在建立连接，于是用 RST 拒绝。',
    teaches:
      '为什么两次握手不够：如果只有 SYN 和 SYN,ACK，服务器会为这个过期的请求建起一条没人用的连接，白白占着资源。有了第三步，客户端才有机会确认或者拒绝；它回的 RST 让服务器回到 LISTEN。',
    goal: {
      client:
        '你并没有发起连接，始终处于 CLOSED。收到一个你从没请求过的 SYN,ACK 时，回复 RST，seq 取那个报文段的 ack。',
      server:
        '调用 listen()，像对待任何 SYN 一样，用 SYN,ACK 回应这个旧 SYN。客户端的 RST 到达后，丢掉这条半连接，回到 LISTEN。',
    },
  },

  'client-closes-first': {
    title: '客户端先关闭',
    summary:
      '客户端发出 FIN；服务器先回 ACK，又发了 7 字节数据，才发出自己的 FIN；客户端确认之后，在 TIME_WAIT 中等待。途中网络把这 7 字节复制了一份：副本到达时已是旧的重复报文段，只需再回一个 ACK。',
    teaches:
      '为什么挥手要四次，握手却只要三次：收到 FIN 后，ACK 由内核立刻发出；反方向的 FIN 却要等应用调用 close() 才发，在这之前这一方还可以继续发数据。先关闭的一方最后还要在 TIME_WAIT 中等待 2MSL。',
    goal: {
      client:
        '调用 connect()，进入 ESTABLISHED 后调用 close()。服务器还会发来 7 字节数据，先确认这些数据，再确认服务器的 FIN，然后在 TIME_WAIT 中等到 CLOSED（本游戏缩短了 MSL，只需等几秒）。',
      server:
        '调用 listen() 完成握手。客户端的 FIN 到达后回复 ACK（进入 CLOSE_WAIT），接着发送 7 字节数据，然后调用 close()；你的 FIN 被确认后进入 CLOSED。',
    },
  },

  'server-closes-first': {
    title: '服务器先关闭',
    summary:
      '这回由服务器先发 FIN；客户端回 ACK，又发了 3 字节数据才关闭，于是轮到服务器在 TIME_WAIT 中等待。',
    teaches:
      '主动关闭的不一定是客户端：“客户端”和“服务器”只说明谁发起了连接，哪一方都可以先调用 close()。先发 FIN 的一方依次经过 FIN_WAIT_1、FIN_WAIT_2 和 TIME_WAIT，另一方经过 CLOSE_WAIT 和 LAST_ACK；所以经常主动断开连接的服务器上，会积攒不少 TIME_WAIT。',
    goal: {
      client:
        '调用 connect() 完成握手。服务器的 FIN 到达后回复 ACK（进入 CLOSE_WAIT），接着发送 3 字节数据，然后调用 close()；你的 FIN 被确认后进入 CLOSED。',
      server:
        '调用 listen()，进入 ESTABLISHED 后调用 close()。客户端还会发来 3 字节数据，先确认这些数据，再确认客户端的 FIN，然后在 TIME_WAIT 中等到 CLOSED（本游戏中只需几秒）。',
    },
  },

  'piggybacked-teardown': {
    title: '三个报文段的挥手',
    summary:
      '客户端关闭后，服务器已经没有数据要发，立刻也关闭：它的 FIN 搭在对客户端 FIN 的确认上，整个挥手只有 FIN,ACK、FIN,ACK、ACK 三个报文段。',
    teaches:
      '为什么实际抓包常常只看到三个报文段，课本上画的却是四个：被动关闭方的 ACK 和 FIN 之所以分开发，只是因为应用可能过一会儿才调用 close()。应用马上关闭的话，两者就能合进同一个报文段，CLOSE_WAIT 一闪而过。',
    goal: {
      client:
        '调用 connect()，进入 ESTABLISHED 后调用 close()。服务器的 FIN 到达时（可能和它对你 FIN 的 ACK 在同一个报文段里），确认它，然后在 TIME_WAIT 中等到 CLOSED。',
      server:
        '调用 listen() 完成握手。客户端的 FIN 到达后立即调用 close()：可以把你的 FIN 搭在对它的 ACK 上，只发一个 FIN,ACK。你的 FIN 被确认后进入 CLOSED。',
    },
  },

  'lost-last-ack': {
    title: '最后的 ACK 丢了',
    summary:
      '客户端对服务器 FIN 的确认在路上丢了；服务器的重传定时器超时，重发 FIN，还在 TIME_WAIT 中的客户端再确认一次。',
    teaches:
      '为什么要有 TIME_WAIT，而且一等就是 2MSL：发出最后那个 ACK 的一方必须还在，万一 ACK 丢了、对方重发 FIN，它才能再确认一次；要是它已经回到 CLOSED，就只能回一个 RST。等满 2MSL 还能让这条连接残留在网络中的报文，在同一对端口被再次使用之前全部消亡。',
    goal: {
      client:
        '调用 connect()，进入 ESTABLISHED 后调用 close()，并确认服务器的 FIN。这个 ACK 会丢失：FIN 在 TIME_WAIT 中再次到达时，再确认一次（2MSL 重新计时），然后等到 CLOSED。',
      server:
        '调用 listen()。客户端的 FIN 到达后回复 ACK，再调用 close()。对你 FIN 的确认迟迟不来：重传定时器超时后，把同一个 FIN 原样重发（seq 不变），被确认后进入 CLOSED。',
    },
  },

  'old-segment-new-connection': {
    title: '新连接遇上旧报文',
    summary:
      '握手刚完成，同一对端口上一条旧连接的数据报文段到达客户端；它的 seq 和客户端期望的相差甚远，数据被丢弃，只换来一个 ACK。',
    teaches:
      '为什么 ISN 要随机选取，为什么 TIME_WAIT 要等 2MSL：在网络里绕了远路的报文段，可能在原来的连接结束后才姗姗来迟。新连接换一个随机的 ISN，旧报文的 seq 几乎不可能落进新连接的窗口；2MSL 的等待则让这些迟到者在同一对端口再次使用之前就已消亡。',
    goal: {
      client:
        '调用 connect() 完成握手。旧报文段在 ESTABLISHED 中到达时，不要接收它的数据：回一个纯 ACK，ack 填你的 RCV.NXT，保持 ESTABLISHED。',
      server:
        '调用 listen()，回应客户端的 SYN，进入 ESTABLISHED。旧报文段是发给客户端的；客户端因此回的 ACK，你不需要做任何回应。',
    },
  },

  'lost-syn-or-syn-ack': {
    title: 'SYN 或 SYN,ACK 丢失',
    summary:
      '客户端的第一个 SYN 丢了，接着服务器的第一个 SYN,ACK 也丢了；每一次都是发送方的重传定时器超时后，把同一个报文段再发一遍。',
    teaches:
      'TCP 的可靠性来自确认应答和超时重传，而不是三次握手本身：握手的报文段一样会丢，补救办法和数据完全相同。重传沿用原来的 seq，所以 ISN 始终不变。',
    goal: {
      client:
        '调用 connect()。你的第一个 SYN 会丢失：重传定时器超时后，用同一个 ISN x 重发 SYN；收到 SYN,ACK 后回复 ACK，进入 ESTABLISHED。',
      server:
        '调用 listen()，回应客户端的 SYN。你的第一个 SYN,ACK 会丢失：重传定时器超时后原样重发（seq = y，ack = x+1），收到 ACK 后进入 ESTABLISHED。',
    },
  },

  'simultaneous-open': {
    title: '同时打开',
    summary:
      '双方都调用 connect()，两个 SYN 在路上交错而过；各自用 SYN,ACK 回应对方的 SYN，最后双方进入 ESTABLISHED，建立的是同一条连接。',
    teaches:
      '没有人监听、双方同时主动打开时会怎样：在 SYN_SENT 收到不带 ACK 的 SYN，就进入 SYN_RCVD。报文段从三个变成了四个，规则却没变：每个 SYN 都要被确认，每一方始终使用自己的 ISN。',
    goal: {
      client:
        '调用 connect()。服务器的 SYN 会和你的 SYN 交错而过：用 SYN,ACK 回应它，seq 沿用你自己的 ISN（seq = x，ack = y+1）；服务器的 SYN,ACK 到达后进入 ESTABLISHED。',
      server:
        '你也主动打开：调用 connect()，而不是 listen()。客户端的 SYN 会和你的 SYN 交错而过：用 SYN,ACK 回应它，seq 沿用你自己的 ISN（seq = y，ack = x+1）；客户端的 SYN,ACK 到达后进入 ESTABLISHED。',
    },
  },

  'simultaneous-close': {
    title: '同时关闭',
    summary:
      '双方应用同时调用 close()，两个 FIN 在路上交错而过；各自确认对方的 FIN，经过 CLOSING，再一起进入 TIME_WAIT。',
    teaches:
      '没有被动关闭方时会怎样：处于 FIN_WAIT_1 时，自己的 FIN 还没被确认，就先收到了对方的 FIN，于是进入 CLOSING 而不是 CLOSE_WAIT。双方都是主动关闭，所以双方都要经过 TIME_WAIT。',
    goal: {
      client:
        '调用 connect()，进入 ESTABLISHED 后调用 close()。服务器的 FIN 会和你的 FIN 交错而过：确认它（进入 CLOSING）；你的 FIN 被确认后进入 TIME_WAIT，几秒后进入 CLOSED。',
      server:
        '调用 listen()，进入 ESTABLISHED 后调用 close()。客户端的 FIN 会和你的 FIN 交错而过：确认它（进入 CLOSING）；你的 FIN 被确认后进入 TIME_WAIT，几秒后进入 CLOSED。',
    },
  },

  'connection-refused': {
    title: '连接被拒绝',
    summary:
      '客户端向一个没有人监听的端口发出 SYN，服务器的 TCP 回了一个 RST,ACK，connect() 以“connection refused”失败。',
    teaches:
      '没有监听者的端口收到 SYN 会怎样：既然没有连接可建，TCP 就回一个复位报文，而不是一声不吭。这个 RST 带着 ACK，ack = x+1，处于 SYN_SENT 的客户端才能认出它回应的正是自己的 SYN。',
    goal: {
      client: '调用 connect()。服务器的端口上没有人监听：接受它回的 RST,ACK，回到 CLOSED（连接被拒绝）。',
      server:
        '你的应用没有在这个端口上监听。用 RST,ACK 回应客户端的 SYN（seq = 0，ack = x+1），保持 CLOSED。',
    },
  },

  'forgotten-close': {
    title: '忘了调用 close()',
    summary:
      '客户端关闭，服务器确认了它的 FIN，可服务器的应用始终没有调用 close()：服务器停在 CLOSE_WAIT，客户端停在 FIN_WAIT_2。',
    teaches:
      '服务器上堆着大量 CLOSE_WAIT 意味着什么：内核早已确认了对方的 FIN，程序却一直没有关闭套接字，通常是代码有缺陷，比如某条分支漏掉了 close()。能结束 CLOSE_WAIT 的只有应用自己，TCP 没有哪个定时器会替它收尾。',
    goal: {
      client:
        '调用 connect()，进入 ESTABLISHED 后调用 close()。服务器会确认你的 FIN，但始终不发自己的 FIN：本局以你停在 FIN_WAIT_2 结束。',
      server:
        '调用 listen() 完成握手。客户端的 FIN 到达后回复 ACK；你的应用始终不会调用 close()，本局以你停在 CLOSE_WAIT 结束。',
    },
  },
};
