/** 简体中文教学文本（占位符说明见 tcp-texts.ts）。 */
import type { TcpTexts } from './tcp-texts';

export const TCP_TEXTS_ZH_CN: TcpTexts = {
  errors: {
    BAD_SEGMENT: {
      message: '数值越界：允许范围 {expected}，实际为 {given}。',
      explain:
        'seq 和 ack 都是 32 位字段，取值 0 到 4294967295，超过后回绕到 0，所以序列号的运算一律按模 2^32 进行（RFC 9293 §3.4）。本游戏中一个报文段最多携带 65535 字节数据；窗口最大为 2^30 字节（约 1 GiB），这是窗口扩大选项所能表示的上限（RFC 7323）。',
    },
    FLAGS_CONFLICT: {
      message: '这些标志位不能同时出现：{given}。',
      explain:
        'SYN 打开一个方向，FIN 关闭一个方向，RST 则直接把整个连接拆掉：同一个报文段不可能既打开又关闭；而 RST 一发连接就没了，再带 SYN 或 FIN 也无从生效。防火墙通常会把这类组合当作畸形报文丢弃，它们是端口扫描的老把戏。请拆成几个报文段，或者只保留你真正想要的那个标志位。',
    },
    SYN_WITH_DATA: {
      message: '本游戏中 SYN 不能携带数据。',
      explain:
        '握手只负责同步双方的初始序列号，数据要等连接建立之后再发。协议本身并不禁止 SYN 带数据，但握手完成前接收方没法把它交给应用层；真正利用这一点的是 TCP Fast Open（RFC 7413），本游戏不涉及。请把 SYN 的 len 设为 0。',
    },
    REPLY_OWED: {
      message: '当前处于 {state}，应先回复 {expected}，实际却发送了 {given}。',
      explain:
        '有些回复是没得选的：监听方接受了 SYN，就必须回 SYN,ACK（带上自己的 ISN，并且 ack = 客户端 ISN + 1）；收到不属于任何连接的报文段，就必须回 RST（RFC 9293 §3.5.2）。真实系统里这些回复由内核立即发出，应用层根本来不及插手。请先把欠下的回复发出去。',
    },
    NOT_SYNCHRONIZED: {
      message: '当前处于 {state}，连接尚未同步：不能发送数据、FIN 或纯 ACK。',
      explain:
        '握手交换完双方的初始序列号之前，对方还没确认你的 ISN，你也不知道对方的 ISN：既没有东西可以确认，数据和 FIN 也没有双方认可的序号可用。SYN 的意思就是“同步”（RFC 9293 §3.5）：先 SYN、SYN,ACK，其余一切都在这之后。真实协议栈会把这类数据先存着，等握手完成再发。',
    },
    FIRST_SYN_HAS_ACK: {
      message: '第一个 SYN 不能带 ACK 标志位：此时还什么都没收到。',
      explain:
        'ACK 标志位表示“确认号字段有效”，而 ack 填的是期望对方发来的下一个序号。发起连接的一方还没收到过对方的任何报文，也不知道对方的 ISN，无从确认：第一个报文段就是单纯的 SYN，seq = x。监听方收到带 ACK 的报文段甚至会直接回 RST（RFC 9293 §3.10.7.2）。',
    },
    SYN_NOT_ALLOWED: {
      message: '{state} 状态下不能发送 SYN。',
      explain:
        'SYN 会开启一个新的序列号空间，只属于建立连接的阶段：在 CLOSED 调用 connect() 时发出，或者用 SYN,ACK 回应对方的 SYN。LISTEN 要等客户端先开口；已同步的连接双方 ISN 早已确定，对方收到 SYN 只会回一个挑战 ACK（challenge ACK，RFC 5961，RFC 9293 §3.10.7.4）。',
    },
    SYN_ACK_UNPROMPTED: {
      message: '还没收到任何 SYN，SYN,ACK 无从回应。',
      explain:
        'SYN,ACK 里的 ACK 是用来确认对方 SYN 的：ack = 对方 ISN + 1。没收到 SYN，这个确认号就无从填写；对方也没有对应的连接，只会回一个 RST（RFC 9293 §3.5.2）。SYN,ACK 永远是握手的第二步，不可能是第一步。',
    },
    SYN_ACK_MISSING_ACK: {
      message: 'SYN_RCVD 状态下的回复必须同时带 SYN 和 ACK。',
      explain:
        '这一方要做两件事：确认对方的 SYN（ack = x+1），同时发出自己的 SYN（seq = 自己的 ISN y）。正是把这两件事合进同一个报文段，握手才只要三次而不是四次：SYN、SYN,ACK、ACK。',
    },
    SYN_SEQ_CHANGED: {
      message: '重传的 SYN 必须沿用原来的 ISN {expected}，而不是 {given}。',
      explain:
        'ISN 在第一次发出 SYN 时就定下了。SYN 或 SYN,ACK 丢失后，由重传定时器（RFC 6298）把同一个报文段按相同的 seq 再发一遍。换一个序号，看上去就成了另一次连接请求，对方对原来那个 SYN 的确认也就对不上了。',
    },
    MISSING_ACK_FLAG: {
      message: '连接已同步（当前为 {state}），每个报文段都必须带 ACK 标志位。',
      explain:
        '握手完成后确认号字段始终有效，所以 ACK 标志位一直置 1，ack 始终填 RCV.NXT（RFC 9293 §3.1）。处于已同步状态的接收方会直接丢弃不带 ACK 的报文段，哪怕里面有数据或 FIN（§3.10.7.4）。带上 ACK 没有任何代价：它不消耗序列号。',
    },
    DATA_AFTER_FIN: {
      message: '这一方已经发出 FIN，之后不能再发新数据。',
      explain:
        'FIN 占用本方向的最后一个序列号，意思是“我不会再发了”（RFC 9293 §3.6）。FIN 之后的数据只能用超出字节流末尾的序号，这说不通。关闭是单向的：对方发出自己的 FIN 之前，这一方仍然可以接收数据并回 ACK。',
    },
    FIN_ALREADY_SENT: {
      message: '这一方已经发过 FIN，只能原样重发同一个 FIN（相同 seq）。',
      explain:
        '每个方向只关闭一次，它的 FIN 占用一个序列号。FIN 没被确认时，重传定时器会在同一个 seq 上重发它（RFC 6298）；在别的序号上再发 FIN，就等于给同一个字节流宣布了第二个、互相矛盾的结尾。',
    },
    DATA_EXCEEDS_WINDOW: {
      message: '对方窗口目前最多允许 {expected} 字节，这个报文段有 {given} 字节。',
      explain:
        '这是流量控制：每个 ACK 都会通告一个窗口，表示接收方在已确认位置之后还能缓存多少字节。发送方发出的数据不能超过 SND.UNA + SND.WND（RFC 9293 §3.8.6）。少发一些，或者等对方的 ACK 把窗口打开。',
    },
    RETRANSMIT_MISMATCH: {
      message: '这个 seq 之前用过，但报文段内容和当初发的不一致。',
      explain:
        '重传是从 SND.UNA 开始，把尚未被确认的内容按原来的序号再发一遍：接收方靠 seq 拼接字节流，同一个序号上的字节（或 SYN、FIN）永远不会变。本游戏要求重传与原报文段完全一致：相同的 seq、相同的长度、相同的 SYN 或 FIN。',
    },
    SEQ_SKIPPED: {
      message: 'seq {given} 跳号了：下一个该用的序号是 {expected}。',
      explain:
        'seq 必须等于 SND.NXT，也就是下一个还没用过的序号。只有 SYN、FIN 和数据字节会让它前进，纯 ACK 不消耗序号（RFC 9293 §3.4）。常见的误区是握手后直接发 FIN 时写 seq = x+2：中间没发过数据就应该是 x+1，只有发过 1 字节数据才会是 x+2。',
    },
    SEQ_REUSED: {
      message: 'seq {given} 用了已经发过的序号：下一个该用的序号是 {expected}。',
      explain:
        'SND.NXT 之前的每个序号都已被发出去的字节、SYN 或 FIN 占用，在那里发新数据，接收方只会把它当成旧的重复报文。新数据从 SND.NXT 接着发；要重传的话，就把原来的报文段原样再发一次。常见原因：忘了 SYN 已经占掉了 x，第一个数据字节应该是 x+1。',
    },
    SEQ_PEER_SPACE: {
      message: 'seq {given} 取自对方的编号；本方应接着用 {expected}。',
      explain:
        'TCP 是全双工的：两个方向各有一套序列号，各自从自己的 ISN 开始（客户端是 x，服务器是 y）。seq 数的是你自己发出的字节，对方的编号应该写进 ack 字段。所以第三次握手的报文段是 seq = x+1、ack = y+1，数据部分不需要写任何东西。',
    },
    ACK_OFF_BY_ONE: {
      message: 'ack {given} 少了 1：应该是 {expected}。',
      explain:
        'ack 表示期望收到的下一个序号（RCV.NXT），而不是最后收到的那个。SYN 和 FIN 各占一个序列号，所以 seq = x 的 SYN 要用 ack = x+1 来确认，seq = u 的 FIN 要用 ack = u+1 来确认。这就是 SYN,ACK 里 ack = x+1 的由来。',
    },
    ACK_OWN_SPACE: {
      message: 'ack {given} 取自本方自己的编号；要确认的是对方的：{expected}。',
      explain:
        'ack 告诉对方“你的数据我收到了哪里”，所以要根据对方的 seq（对方 ISN 加上对方已发的内容）来算，和你自己的 SND.NXT 无关。因此客户端第三次握手的 ack 是 y+1，即服务器的 ISN 加 1，而不是 x+1。',
    },
    ACK_AHEAD: {
      message: 'ack {given} 确认了还没到达的序号：最多只能是 {expected}。',
      explain:
        'ACK 就是一张回执，只能确认已经按序收到的内容。多确认了，发送方就会把其实没送到的字节当作已送达而不再保留；超出对方已发送范围的 ack，对方会直接丢弃并回一个 ACK（RFC 9293 §3.10.7.4）。',
    },
    ACK_BEHIND: {
      message: 'ack {given} 落后了：{expected} 之前的内容都已经收到。',
      explain:
        'ACK 是累积确认：ack = n 表示 n 之前的序号全部收到了，所以要用 RCV.NXT 把收到的内容全部确认。更旧的 ack 告诉对方的比你实际知道的少，在对方看来就是重复 ACK，攒上几个还会触发不必要的快速重传（RFC 5681）。',
    },
    RST_NOTHING_TO_RESET: {
      message: '{state} 状态下没有可以重置的东西。',
      explain:
        'RST 用来中止一个已有的连接，或者回应一个不属于任何连接的报文段（RFC 9293 §3.5.2）。监听中或已关闭的端口如果没有需要回应的报文，就没有对象可通知。TIME_WAIT 状态下两个方向都已关闭并确认完毕，这一方只需等满 2MSL。',
    },
    RST_SEQ_WRONG: {
      message: 'RST 的 seq 应为 {expected}，而不是 {given}。',
      explain:
        '接收方只接受 seq 落在接收窗口内的 RST；按照 RFC 5961 防御盲打 RST 攻击的做法，还必须恰好等于 RCV.NXT（RFC 9293 §3.5.3、§3.10.7.4）。所以：回应游离报文段的 RST，seq 取该报文段的 ack；主动中止自己的连接，seq 用 SND.NXT；拒绝 SYN 的 RST,ACK，seq 为 0。',
    },
    RST_ACK_WRONG: {
      message: '拒绝连接的 RST,ACK 的 ack 必须是 {expected}，而不是 {given}。',
      explain:
        'SYN_SENT 状态的客户端还没有接收窗口，只能靠 ack 来检验 RST：只有确认了它的 SYN（ack = x+1）的 RST 才会被接受（RFC 9293 §3.10.7.3）。ack 不对，RST 就会被忽略，客户端继续干等，却不知道连接已经被拒绝。',
    },
    CALL_LISTEN_NOT_CLOSED: {
      message: 'listen() 只能在 CLOSED 状态调用；这一方当前是 {state}。',
      explain:
        'listen() 是被动打开（RFC 9293 §3.10.1）：把一个空闲的端点变成等待 SYN 的监听者。已经在监听、正在连接或已经连上的一方，连接记录正被占用，得先让那条连接结束。',
    },
    CALL_CONNECT_NOT_CLOSED: {
      message: 'connect() 只能在 CLOSED 状态调用；这一方当前是 {state}。',
      explain:
        'connect() 是主动打开：选一个 ISN，发出 SYN，进入 SYN_SENT（RFC 9293 §3.10.1）。已经有连接或正在监听的一方，不能在同一份连接记录上再发起一次。如果双方同时从 CLOSED 调用 connect()，那就是同时打开。',
    },
    CALL_CLOSE_NOT_OPEN: {
      message: '{state} 状态下调用 close()：没有可以关闭的连接。',
      explain:
        'close() 通过发送 FIN 来结束本方的发送方向（RFC 9293 §3.10.4）。CLOSED 状态下既没有连接也没有对端，自然没有什么可结束的。',
    },
    CALL_CLOSE_TWICE: {
      message: '已经调用过 close() 了：这一方当前是 {state}。',
      explain:
        'close() 只调用一次，它发出本方向唯一的那个 FIN。之后这一方只需等待：等自己 FIN 的 ACK、等对方的 FIN，或者在 TIME_WAIT 中等满 2MSL。FIN 丢了由重传定时器负责重发，而不是再调一次 close()。',
    },
    CALL_SEND_NOT_OPEN: {
      message: '{state} 状态下调用 send()：连接还没建立。',
      explain:
        '本游戏中数据只在握手完成后传输。真实协议栈会先把数据缓存起来，等进入 ESTABLISHED 再发（RFC 9293 §3.10.2）；这也是 connect() 通常要阻塞到三个报文段交换完毕才返回的原因。',
    },
    CALL_SEND_AFTER_CLOSE: {
      message: '调用 close() 之后又调用 send()：这一方已经发出 FIN（{state}）。',
      explain:
        'close() 表示这一方不会再发送任何数据。这是半关闭（RFC 9293 §3.6.1）：这一方仍然可以接收，还没关闭的那一方也可以继续发送，直到它也调用 close()。',
    },
    CALL_SEND_BAD_LENGTH: {
      message: 'send({given})：字节数必须是 1 到 65535 之间的整数，并且放得进窗口。',
      explain:
        '一次 send() 至少要发 1 个字节（不带数据的报文段就是纯 ACK），本游戏中最多 65535 字节。此外还得放得进对方通告的窗口在扣除未确认数据之后剩下的空间（流量控制，RFC 9293 §3.8.6）。',
    },
    CALL_ABORT_NOTHING: {
      message: '{state} 状态下调用 abort()：没有可以中止的连接。',
      explain:
        'abort() 会丢弃整个连接，并用 RST 通知对方（RFC 9293 §3.10.5）。CLOSED 和 LISTEN 状态下没有对端可通知。TIME_WAIT 状态下两个方向都已关闭并确认，没有什么需要中止的，等满 2MSL 它就会悄悄结束。',
    },
  },

  notes: {
    RCV_SYN_LISTEN: {
      message: '收到 SYN seq={seq}：进入 {state}，应回复 SYN,ACK，ack={rcvNxt}。',
      explain:
        '监听方记下客户端的 ISN x，选好自己的 ISN y，然后用一个报文段同时回复：SYN 的 seq = y，ACK 的 ack = x+1，因为 SYN 占用了序号 x，而 ack 填的是期望的下一个序号（RFC 9293 §3.10.7.2）。此时连接处于半连接状态，在 SYN 队列里等第三个报文段。',
    },
    RCV_NO_LISTENER: {
      message: 'SYN seq={seq} 发往无人监听的端口：回复 RST,ACK（连接被拒绝）。',
      explain:
        '发给一个不存在的连接的报文段要用 RST 回应（RFC 9293 §3.5.2）。这个 SYN 不带 ACK，所以 RST 的 seq 取 0，并带上 ACK、ack = x+1，这样处于 SYN_SENT 的客户端才会接受它。客户端应用看到的就是“connection refused”（连接被拒绝）。',
    },
    RCV_STRAY_SEGMENT: {
      message: '{flags} ack={ack} 不属于任何连接：回复 RST seq={ack}。',
      explain:
        '已关闭的端口或监听者没有任何连接能和这个 ACK 对上，而监听者除了 SYN 什么都不收。RST 的 seq 取这个游离报文段的 ack，这正是发送方肯定会认可的序号（RFC 9293 §3.5.2）。常见来源：重启后忘掉了原有连接的主机，或者迟到的 SYN,ACK。',
    },
    RCV_BAD_SYN_ACK: {
      message: 'SYN,ACK 的 ack={ack} 没有确认我方的 SYN：回复 RST seq={ack}，仍处于 {state}。',
      explain:
        'SYN_SENT 只接受 ack = 自己 ISN + 1 的 SYN,ACK（RFC 9293 §3.10.7.3）。ack 对不上，说明对方回应的是另一个 SYN，比如之前某次连接尝试留下的旧的重复 SYN。这个 RST 让对方丢掉那个半连接，而这一方继续等正确的 SYN,ACK。',
    },
    RCV_REFUSED: {
      message: '接受 RST,ACK ack={ack}：连接被拒绝，进入 {state}。',
      explain:
        '对方端口上没有进程在监听。SYN_SENT 状态只认 ack 确认了自己 SYN 的 RST（RFC 9293 §3.10.7.3），这个 RST 符合条件，于是本次连接尝试结束，connect() 报告“connection refused”。',
    },
    RCV_HANDSHAKE_DONE: {
      message: '{flags} ack={ack} 完成握手：进入 {state}。',
      explain:
        '双方的 ISN 现在都已知道并且都被确认：每一方的 SYN 都得到了 ACK。三个报文段就够，是因为中间那个同时带着服务器的 SYN 和它对客户端 SYN 的确认。第三个报文段就是 seq = x+1、ack = y+1，只有应用有数据要发时才带数据，并不需要在数据里写什么“ISN+1”。',
    },
    RCV_SIMULTANEOUS_OPEN: {
      message: '在 SYN_SENT 收到不带 ACK 的 SYN seq={seq}：同时打开，进入 {state}。',
      explain:
        '双方都调用了 connect()，两个 SYN 在路上交错而过。各自用 SYN,ACK 回应对方的 SYN：seq 沿用自己的 ISN，ack = 对方 ISN + 1；这两个 SYN,ACK 到达后，双方都进入 ESTABLISHED，建立的是同一条连接（RFC 9293 §3.5）。',
    },
    RCV_RESET: {
      message: '接受 RST seq={seq}：连接被重置，进入 {state}。',
      explain:
        'seq 恰好落在接收方期望位置的 RST 会当场终止连接（RFC 9293 §3.5.3）：没有 FIN 交换，没有 TIME_WAIT，还没交付的数据也随之丢失。应用看到的是“connection reset by peer”（连接被对方重置）。',
    },
    RCV_RESET_TO_LISTEN: {
      message: '在 SYN_RCVD 收到 RST：丢弃半连接，回到 {state}。',
      explain:
        '监听方回应的那个 SYN 并不是对方想要的，比如一个在网络里滞留很久才到的旧的重复 SYN；对方用 RST 拒绝了 SYN,ACK，于是监听方把它忘掉，重新监听（RFC 9293 §3.5.3）。这就是两次握手不够的原因：只有 SYN 和 SYN,ACK 的话，服务器会白白维持一条没人用的连接；第三步让客户端有机会确认或拒绝。',
    },
    RCV_RST_IGNORED: {
      message: 'RST seq={seq} 在窗口之外：忽略。',
      explain:
        '只有 seq 落在接收窗口内的 RST 才会被采信（RFC 9293 §3.5.3）。窗口外的 RST 可能是以前某条连接的旧报文，也可能是有人猜序号伪造的；默默丢掉它，正常的连接才不会被误杀。',
    },
    RCV_RST_CHALLENGE: {
      message: 'RST seq={seq} 在窗口内但不等于 {rcvNxt}：发送挑战 ACK。',
      explain:
        '按照 RFC 5961（已被 RFC 9293 §3.10.7.4 采纳），只有 seq 恰好等于 RCV.NXT 的 RST 才会重置连接；落在窗口其他位置的，回一个挑战 ACK（seq = SND.NXT，ack = RCV.NXT）。真正重置了的对端会用序号准确的 RST 来回答，只能大致猜测序号的盲打攻击者则做不到。',
    },
    RCV_SYN_CHALLENGE: {
      message: '已同步的连接（{state}）收到 SYN：发送挑战 ACK。',
      explain:
        '双方 ISN 一旦确定，这条连接上就不该再出现 SYN。接收方不直接重置（否则伪造一个 SYN 就能掐断连接），而是回一个挑战 ACK（RFC 5961，RFC 9293 §3.10.7.4）。如果对方确实重启过、已经忘了这条连接，它会用 RST 回答这个 ACK，到那时连接才真正结束。',
    },
    RCV_DUPLICATE: {
      message: 'seq={seq} 在 {rcvNxt} 之前：旧的重复报文，再次回复 ACK {rcvNxt}，报文丢弃。',
      explain:
        '这些序号早就收到了；通常是我方的 ACK 丢了，对方超时重传。再回一次 ack = RCV.NXT 就能补上这次丢失（RFC 9293 §3.10.7.4）：可靠性来自 ACK 加重传，而纯 ACK 本身从来不会被重传。',
    },
    RCV_OUT_OF_WINDOW: {
      message: 'seq={seq} 在接收窗口之外：丢弃，回复 ACK {rcvNxt}。',
      explain:
        '只有序号落在 RCV.NXT 到 RCV.NXT + RCV.WND 之间的报文段才可接受（RFC 9293 §3.10.7.4）。偏离这么远的，通常是同一对端口上以前某条连接的迟到报文。随机选取的 ISN（RFC 6528）让这种报文很难恰好落进新连接的窗口，而 TIME_WAIT 的 2MSL 让它们在端口被复用之前就已消亡。',
    },
    RCV_OUT_OF_ORDER: {
      message: 'seq={seq} 超前于 {rcvNxt}：中间有空缺，回复重复 ACK {rcvNxt}。',
      explain:
        '这个报文段之前的内容缺了，可能丢了，也可能还在路上。真实协议栈通常会先把它放进缓存；本游戏为了简单直接丢弃。无论哪种做法，回复都会重复 ack = RCV.NXT，这个重复 ACK 告诉发送方空缺从哪里开始；连续三个重复 ACK 会触发快速重传（RFC 5681）。',
    },
    RCV_ACK_UNSENT: {
      message: 'ack={ack} 确认了从未发送过的序号：丢弃，回复 ACK。',
      explain:
        '可接受的 ACK 必须大于 SND.UNA 且不超过 SND.NXT（RFC 9293 §3.10.7.4）。超出的部分等于声称收到了从没发过的数据：要么对方出了错，要么报文是伪造的。接收方把它丢弃，并回一个带着自己真实序号的 ACK。',
    },
    RCV_NO_ACK_DROPPED: {
      message: '已同步的连接上收到不带 ACK 的 {flags}：丢弃。',
      explain:
        '握手完成后，每个报文段都必须置 ACK 标志位。处于已同步状态的接收方会丢弃不带 ACK 的报文段，不管里面装了什么（RFC 9293 §3.10.7.4），也不做任何回复。',
    },
    RCV_DATA: {
      message: '接收 {len} 字节：RCV.NXT 现在是 {rcvNxt}，应回复 ACK {rcvNxt}。',
      explain:
        '按序到达的数据交给应用层，RCV.NXT 向前推进 len；ack = RCV.NXT 一次性确认到此为止的全部内容（累积确认）。如果这个 ACK 丢了，发送方的重传定时器（RFC 6298）会把数据再发一遍：TCP 的可靠性靠的正是这一点，而不是三次握手。',
    },
    RCV_ACK: {
      message: '收到 ack={ack}：无需回复。',
      explain:
        'ACK 让 SND.UNA 向前推进，被它覆盖的内容不再需要重传定时器。纯 ACK 不消耗序列号，所以它本身永远不会被确认；否则两台主机就会没完没了地互回 ACK。',
    },
    RCV_FIN: {
      message: '收到 FIN seq={seq}：对方不会再发数据。进入 {state}，应回复 ACK {rcvNxt}。',
      explain:
        'FIN 占用一个序号，所以 ack = FIN 的 seq + 1。这个 ACK 由内核立即发出，但本方自己的 FIN 要等应用调用 close() 才会发，在那之前本方还可以继续发数据。正是这段间隔，让关闭连接通常需要四个报文段而不是三个（RFC 9293 §3.6）。',
    },
    RCV_FIN_ACKED: {
      message: 'ack={ack} 确认了我方的 FIN：进入 {state}。',
      explain:
        '本方的发送方向已经关闭，并得到了对方确认。在 FIN_WAIT_2 中，这一方等待对方的 FIN；在此之前对方仍可能发送数据，本方照常接收并确认（半关闭，RFC 9293 §3.6.1）。',
    },
    RCV_SIMULTANEOUS_CLOSE: {
      message: '我方 FIN 尚未被确认时收到 FIN seq={seq}：进入 {state}，应回复 ACK {rcvNxt}。',
      explain:
        '双方应用几乎同时调用了 close()，两个 FIN 在路上交错。各自确认对方的 FIN，然后在 CLOSING 中等待自己那个 FIN 的 ACK；ACK 一到，双方都进入 TIME_WAIT（RFC 9293 §3.6）。',
    },
    RCV_TIME_WAIT: {
      message: '两个方向都已关闭：进入 {state}，等待 2MSL 后进入 CLOSED。',
      explain:
        '先关闭的一方要等 2 × MSL（报文最大生存时间），原因有二：如果最后那个 ACK 丢了，处于 LAST_ACK 的对方会重传 FIN，这一方必须还在才能再次确认；同时，这条连接残留在网络中的报文要在同一对端口被复用前全部消亡。最后发出的只是一个普通的 ACK，LAST_ACK 是对方所处状态的名字，不是报文的名字。RFC 中 MSL 为 2 分钟（Linux 固定等待 60 秒），本游戏按比例缩短了它。',
    },
    RCV_TIME_WAIT_RESTART: {
      message: 'TIME_WAIT 中再次收到 FIN seq={seq}：重发 ACK {rcvNxt}，2MSL 计时重新开始。',
      explain:
        '我方最后的 ACK 丢了，对方的重传定时器超时，于是重发了 FIN。这正是 TIME_WAIT 存在的意义：如果这一方已经进入 CLOSED，这个 FIN 只会换来一个 RST，对方会报错而不是正常关闭。计时重新开始，让新发出的 ACK 也有完整的 2MSL（RFC 9293 §3.10.7.4）。',
    },
    RCV_CLOSED: {
      message: '在 LAST_ACK 收到我方 FIN 的 ACK：进入 {state}。',
      explain:
        '后关闭的一方只剩自己的 FIN 等待确认，一收到 ACK 就立即删除连接。它不需要 TIME_WAIT：等待是发出最后那个 ACK 的一方的事，因为那个 ACK 一旦丢失，没有人会重传它。',
    },
    RCV_IGNORED: {
      message: '{state} 状态下忽略 {flags} seq={seq}。',
      explain:
        '这个报文段在当前状态下没有意义，直接丢弃，不做回复。例如发到监听者或已关闭端口的 RST 只会被默默丢弃：RST 永远不会用 RST 来回应，否则两台主机可能会来回互发重置（RFC 9293 §3.10.7.1、§3.10.7.2）。',
    },
  },

  captureNotes: {
    CAP_KEEPALIVE: {
      message:
        '这是保活探测（keep-alive）：seq {seq} 等于 SND.NXT - 1，且没有未确认的数据；对方会回一个 ACK。',
      explain:
        '连接空闲时，可以发一个对方早已收到的序号来确认它还在：seq = SND.NXT - 1，不带数据或只带一个填充字节（RFC 9293 §3.8.4，RFC 1122 §4.2.3.6）。对方发现这是旧序号，丢弃它并回一个 ACK，这就证明它还活着。Linux 在开启 SO_KEEPALIVE 且空闲够久之后发送它；同样的报文也用来探测零窗口。任何已同步状态都可以发送，包括 CLOSE_WAIT 和 FIN_WAIT_2。',
    },
    CAP_SYN_DATA: {
      message: '这是携带 {len} 字节数据的 SYN（TCP Fast Open）。',
      explain:
        'TCP 允许 SYN 携带数据：接收方先把数据排队，等连接建立后再交给应用（RFC 9293 §3.10.7.2）。TCP Fast Open（RFC 7413）借此省下一个往返：手里有上次连接所得 cookie 的客户端，把第一个请求直接放在 SYN 上。数据紧跟在 SYN 之后编号，从 x+1 到 x+len。',
    },
    CAP_FAST_OPEN_TAKEN: {
      message: '监听方收下了 SYN 上的数据：ack {ack} 同时确认了 SYN 和这些数据。',
      explain:
        'cookie 有效时（RFC 7413），服务器立即接受 SYN 上的数据，并在自己的 SYN,ACK 中一并确认：ack = x + 1 + 数据长度。客户端由此知道这些数据不必再发。',
    },
    CAP_FAST_OPEN_REFUSED: {
      message: '这个 SYN,ACK 只确认了 SYN：SYN 上的数据没有被收下，稍后会重新发送。',
      explain:
        '服务器找不到有效的 cookie，或者根本不支持 Fast Open 时，会忽略 SYN 上的数据，只确认 SYN 本身（ack = x+1），这正是 RFC 7413 的要求。客户端看到数据没有被确认，就在握手之后把它当作普通数据从 x+1 起重新发送。',
    },
    CAP_FAST_OPEN_EARLY_DATA: {
      message: '服务器收下了 Fast Open 数据，因此可以在握手的 ACK 到达之前就回复。',
      explain:
        'RFC 7413 允许收下 SYN 数据的服务器立即把数据交给应用，并在仍处于 SYN_RCVD 时就发出回复，省下握手本该花掉的那个往返。它的序号照常接在自己的 SYN 之后。',
    },
    CAP_OLD_SEGMENT: {
      message: '这是一个被超越的旧报文段：这一方此前已经发出过更靠后的序号，接收方会忽略它。',
      explain:
        '报文段在发送方和抓包点之间可能被重新排序，先发出的反而在后发出的之后才被抓到：它的 seq 或 ack 比这一方已经出现过的更旧。接收方会忽略低于 SND.UNA 的 ACK（RFC 9293 §3.10.7.4），已经收到的内容也会丢弃，所以旧报文段不会改变任何东西。',
    },
    CAP_EARLIER_CONNECTION: {
      message:
        '它的序号远在这一方的 ISN 之前：这是同一对端口上先前某个连接的报文段，本连接中没有人发送它；接收方会丢弃它。',
      explain:
        '一方从不会发送低于自己初始序号的序号，所以 seq 位于 ISN 之前、又超出本连接任何窗口的报文段，是同一对端口之间先前连接遗留下来、在网络中被延迟的报文段。ISN 的选择正是为了让这样的报文段落在接收窗口之外（RFC 9293 §3.4.1）：它被丢弃，接收方用一个写明本连接期望序号的 ACK 回应，它不会改变任何东西。',
    },
    CAP_ACK_INSIDE: {
      message: '它的 ack 落在 #{ref} 内部：那个报文段是分成几块到达的，目前只到了前面几块。',
      explain:
        '抓包中 #{ref} 是一个大报文段，接收方却确认了它中间的某个序号。这是分段卸载造成的：发送方把一整块数据交给网卡（在发送端抓包看到的就是它），再由网卡或路由器切成适合路径的报文段。只要 SND.UNA < ack <= SND.NXT，这个 ack 就是可接受的（RFC 9293 §3.10.7.4）。',
    },
    CAP_RENEGED: {
      message: '它的 ack 低于此前乱序到达的数据：接收方在确认之前丢弃了那些数据。',
      explain:
        '接收方会保存空缺之后到达的数据，但在确认之前仍可以把它丢掉，例如缓冲区不够用的时候（RFC 2018 允许这种反悔；Linux 在内存紧张时会清理乱序队列）。于是它的 ack 停在抓包看到已经到达的数据之下，发送方只好重发这些数据。接收方在 SACK 块中仍然列出的部分会继续保留。',
    },
    CAP_NOT_ARRIVED: {
      message: '它的 ack 停在 #{ref} 之前：那个报文段当时还没有到达（在抓包点之后丢失，或者迟到）。',
      explain:
        '接收方会确认它按序收到的全部数据，因此它的 ack 准确地表明数据在哪里中断。如果 ack 低于抓包点早先看到的某个报文段，说明这个报文段没有到达接收方：要么在抓包点之后丢了，要么迟到了。真实的接收方会保留空缺之后到达的数据，并发送重复 ACK（常带有 SACK 块，RFC 2018），直到空缺被填上。',
    },
    CAP_RESENDS_LOST: {
      message: '它重发了 #{ref}，接收方从未收到那个报文段：它在抓包点之后丢失了。',
      explain:
        '抓包点看到 #{ref} 经过，但接收方始终没有确认它，而它的重复 ACK 却表明后面的数据已经到了。可见它在路径更远处丢失了，发送方在定时器超时或收到重复 ACK 后把它重发了一次（RFC 6298，RFC 5681），只有这一份到达了接收方。',
    },
    CAP_NOT_CAPTURED: {
      message: 'seq {seq} 之前的序号已经发出，但这里没有抓到；#{ref} 在后面带来了它们。',
      explain:
        '抓包点只能看到经过它的报文。如果某个报文段在到达抓包点之前丢了，或者在去往抓包点的路上被超越，下一个报文段看起来就像跳过了一些序号。缺失的序号会在后面出现（#{ref}）：可能是重传，也可能就是那个迟到的报文段。发送方并没有做错什么。',
    },
    CAP_FILLS_GAP: {
      message: '它带来了 #{ref} 之前缺失的序号：这是迟到或重发的报文段，不是新数据。',
      explain:
        '抓包点之前看到过一个跳过了序号的报文段，这个报文段正好携带了那些序号。它要么在去往抓包点的路上被超越，要么在那之前丢失后又被重发。无论哪种，接收方都会按 seq 把它的字节放回数据流中的位置，并一次确认整段内容。',
    },
    CAP_REPACKETIZED: {
      message: '这是换了打包方式的重传：它还携带了这个 seq 上此前没有出现过的字节。',
      explain:
        '重传必须在相同的序号上重复相同的字节，但不必沿用原来的报文段划分：发送方可以把几个未确认的小报文段合并成一个（Linux 就会这样做，见 tcp_retrans_collapse），也可以顺带捎上之后排队的字节。关键是每个序号上的字节不变。超出 SND.NXT 的部分按新数据裁决。',
    },
    CAP_ALREADY_ACKED: {
      message: '它重发了抓包中已被确认的字节：那个 ACK 当时还没有到达发送方。',
      explain:
        '抓包点看到接收方确认了这些字节，但发送方还没有看到（ACK 仍在路上，或在抓包点之后丢失），于是它的定时器又把数据发了一遍。这种多余的重传是无害的：接收方丢弃已有的内容，再确认一次（RFC 9293 §3.10.7.4）。',
    },
    CAP_RST_AFTER_CLOSE: {
      message: '它回应的是 close() 之后才到达的数据：seq {seq} 就是那段数据的 ack，对方会接受它。',
      explain:
        '调用 close() 之后应用不再读取，之后到达的数据无法交付。RFC 9293 §3.6.1（沿用 RFC 1122 §4.2.2.13）规定，这时主机应当发送 RST，表明数据丢失了。Linux 根据到达的报文段来构造它：seq = 那个报文段的 ack，发送方一定会认为这个序号可以接受。',
    },
    CAP_BIG_SEGMENT: {
      message: '它携带 {len} 字节，超过一个 IP 包的容量：抓包点处启用了卸载或 BIG TCP。',
      explain:
        '一个 IPv4 包或普通的 IPv6 包最多装 65,535 字节。在发送主机上抓包却可能看到更大的：启用分段卸载和 BIG TCP 时，协议栈一次交给网卡多达几百 KB 的数据块（IPv4 总长度写 0，或者是 IPv6 超大包，RFC 2675），再由网卡切成线路上的报文段。这里按线路上实际传输的各段来裁决。',
    },
    CAP_HELD: {
      message: 'seq={seq} 超前于 {rcvNxt}：先保存起来，等空缺填上；回复重复 ACK {rcvNxt}。',
      explain:
        '真实的接收方不会丢弃空缺之后到达的数据，而是把它放进重组队列，并用 RCV.NXT 回复重复 ACK，通常还带有说明已收到哪些数据的 SACK 块（RFC 2018）。缺失的序号一到，直到队列末尾的全部数据立即变成按序的。',
    },
    CAP_GAP_FILLED: {
      message: '空缺已经填上：之前保存的数据现在按序了，RCV.NXT 变为 {rcvNxt}。',
      explain:
        '缺失的报文段到了，保存在它后面的数据随之并入数据流，RCV.NXT 一下子越过所有这些数据。此时一个累积 ACK 就能确认整段内容，这就是为什么丢包之后的 ACK 往往比重传的那个报文段多确认很多。',
    },
    CAP_SYN_DATA_WAITS: {
      message: 'SYN 携带了 {len} 字节：SYN,ACK 会表明监听方是否收下了它们。',
      explain:
        '支持 Fast Open 的监听方如果找到有效的 cookie，会立即收下 SYN 上的数据；否则丢弃数据，只确认 SYN（RFC 7413）。到底是哪种情况，看它的 SYN,ACK 中的 ack 就知道了。',
    },
    CAP_LOST: {
      message: '在抓包点之后丢失：接收方从未收到它；#{ref} 重发了它。',
      explain:
        '抓包点看到了这个报文段，但接收方的 ACK 表明它从未到达：它在路径更远处被丢弃了。发送方（通过重复 ACK、SACK 块或定时器）发现后，把它作为 #{ref} 重发。在一个点上抓包看不到丢包本身，只能看到它留下的痕迹。',
    },
  },

  states: {
    CLOSED: {
      name: 'CLOSED（关闭）',
      description: '没有连接：没有连接记录，既不发送也不期待任何报文。listen() 或 connect() 都从这里开始。',
    },
    LISTEN: {
      name: 'LISTEN（监听）',
      description: '被动打开：等待任意客户端的 SYN，收到后回复 SYN,ACK。',
    },
    SYN_SENT: {
      name: 'SYN_SENT（同步已发送）',
      description: '已发出带 ISN 的 SYN，等待确认它的 SYN,ACK（ack = ISN+1）；迟迟等不到就重传 SYN。',
    },
    SYN_RCVD: {
      name: 'SYN_RCVD（同步已收到）',
      description: '收到 SYN 并已回复 SYN,ACK，等待对方确认自己的 SYN。此时连接处于半连接状态。',
    },
    ESTABLISHED: {
      name: 'ESTABLISHED（已建立连接）',
      description: '双方的序列号已经同步，数据可以双向传输，直到某一方调用 close()。',
    },
    FIN_WAIT_1: {
      name: 'FIN_WAIT_1（终止等待 1）',
      description: '已调用 close() 并发出 FIN，等待它的 ACK（或对方的 FIN）。仍然可以接收对方的数据。',
    },
    FIN_WAIT_2: {
      name: 'FIN_WAIT_2（终止等待 2）',
      description: '自己的 FIN 已被确认，本方向已关闭；等待对方的 FIN，在此期间对方仍可以发数据。',
    },
    CLOSE_WAIT: {
      name: 'CLOSE_WAIT（关闭等待）',
      description:
        '已收到并确认对方的 FIN，等待本方应用调用 close()，期间仍可发送数据。服务器上大量连接卡在这里，通常说明程序忘了调用 close()。',
    },
    CLOSING: {
      name: 'CLOSING（同时关闭）',
      description: '双方几乎同时发出 FIN；已确认对方的 FIN，正等待对方确认自己的 FIN。',
    },
    LAST_ACK: {
      name: 'LAST_ACK（最后确认）',
      description: '后关闭的一方：已发出自己的 FIN，等待它的 ACK，收到后直接进入 CLOSED；等不到就重传 FIN。',
    },
    TIME_WAIT: {
      name: 'TIME_WAIT（时间等待）',
      description:
        '先关闭的一方：已确认对方的 FIN，再等待 2MSL，以便回应可能重传的 FIN、让旧报文消亡，然后进入 CLOSED。',
    },
  },
};
