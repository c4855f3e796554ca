/** English texts of the scenarios (see scenario-texts.ts). */
import type { ScenarioTexts } from './scenario-texts';

export const SCENARIO_TEXTS_EN: ScenarioTexts = {
  'three-way-handshake': {
    title: 'Three-way handshake',
    summary:
      'The client sends SYN, the server answers SYN,ACK, the client replies ACK, and both sides reach ESTABLISHED.',
    teaches:
      "Why three segments and not four: each side must send its own SYN and have it acknowledged, and the server packs its SYN and its ACK of the client's SYN into one segment. After the third segment both ISNs are synchronized: the SYN,ACK carries seq = y, ack = x+1, and the final ACK seq = x+1, ack = y+1.",
    goal: {
      client: "Call connect() to send your SYN, acknowledge the server's SYN,ACK, and reach ESTABLISHED.",
      server:
        "Call listen(), answer the client's SYN with a SYN,ACK, and reach ESTABLISHED when its ACK arrives.",
    },
  },

  'delayed-duplicate-syn': {
    title: 'Delayed duplicate SYN',
    summary:
      'A SYN from an old, long-abandoned connection attempt finally reaches the server; the server answers it, and the client, which is not connecting at all, refuses with an RST.',
    teaches:
      'Why two segments are not enough to open a connection: with only SYN and SYN,ACK, the server would set up a connection for a stale request and keep it for nobody. The third step gives the client the chance to confirm or refuse, and its RST sends the server back to LISTEN.',
    goal: {
      client:
        "You are not connecting: stay in CLOSED. When a SYN,ACK you never asked for arrives, answer it with an RST whose seq is that segment's ack.",
      server:
        "Call listen() and answer the old SYN with a SYN,ACK as you would any SYN. When the client's RST arrives, drop the half-open connection and end back in LISTEN.",
    },
  },

  'client-closes-first': {
    title: 'Client closes first',
    summary:
      'The client sends a FIN; the server acknowledges it, still sends 7 bytes, and only then sends its own FIN, which the client acknowledges before waiting in TIME_WAIT. On the way the network duplicates the 7 bytes: the copy arrives as an old duplicate and is answered with an ACK.',
    teaches:
      'Why closing takes four segments when opening takes three: the kernel acknowledges a FIN at once, but the FIN of the other direction leaves only when that application calls close(), and until then it may still send data. The side that closed first then waits 2MSL in TIME_WAIT.',
    goal: {
      client:
        'Call connect(), then close() once ESTABLISHED. Acknowledge the 7 bytes the server still sends, then its FIN, and wait out TIME_WAIT until CLOSED (the game shortens MSL, so this takes a few seconds).',
      server:
        "Call listen() and complete the handshake. When the client's FIN arrives, acknowledge it (CLOSE_WAIT), send 7 bytes of data, then call close(); reach CLOSED once your FIN is acknowledged.",
    },
  },

  'server-closes-first': {
    title: 'Server closes first',
    summary:
      'This time the server sends the first FIN; the client acknowledges it, sends 3 more bytes, then closes, and now the server is the one waiting in TIME_WAIT.',
    teaches:
      'Either side may close first: "client" and "server" only say who opened the connection. Whoever sends the first FIN goes through FIN_WAIT_1, FIN_WAIT_2 and TIME_WAIT, the other through CLOSE_WAIT and LAST_ACK, which is why a server that closes its connections itself collects TIME_WAIT sockets.',
    goal: {
      client:
        "Call connect() and complete the handshake. When the server's FIN arrives, acknowledge it (CLOSE_WAIT), send 3 bytes of data, then call close(); reach CLOSED once your FIN is acknowledged.",
      server:
        'Call listen(), then close() once ESTABLISHED. Acknowledge the 3 bytes the client still sends, then its FIN, and wait out TIME_WAIT until CLOSED (a few seconds in this game).',
    },
  },

  'piggybacked-teardown': {
    title: 'Teardown in three segments',
    summary:
      "The client closes, and the server, with nothing left to send, closes at once: its FIN rides on the ACK of the client's FIN, so the teardown is FIN,ACK; FIN,ACK; ACK.",
    teaches:
      "Why real captures often show three segments where textbooks draw four: the passive side's ACK and FIN are separate only because its application may wait before calling close(). When it closes right away, both fit into one segment and CLOSE_WAIT lasts no time at all.",
    goal: {
      client:
        "Call connect(), then close() once ESTABLISHED. When the server's FIN arrives (possibly on the same segment as the ACK of yours), acknowledge it and wait out TIME_WAIT until CLOSED.",
      server:
        "Call listen() and complete the handshake. When the client's FIN arrives, call close() at once: your FIN may ride on the ACK of its FIN, as a single FIN,ACK. Reach CLOSED once your FIN is acknowledged.",
    },
  },

  'lost-last-ack': {
    title: 'Lost last ACK',
    summary:
      "The client's ACK of the server's FIN is lost; the server's retransmission timer fires, it sends the FIN again, and the client, still in TIME_WAIT, acknowledges it once more.",
    teaches:
      'Why TIME_WAIT exists and lasts 2MSL: the side that sent the last ACK must still be around if that ACK is lost and the FIN comes back, because a side already in CLOSED could only answer with an RST. Waiting 2MSL also lets every leftover segment of this connection die out before the same ports are used again.',
    goal: {
      client:
        "Call connect(), then close() once ESTABLISHED, and acknowledge the server's FIN. That ACK gets lost: when the FIN arrives again in TIME_WAIT, acknowledge it again (the 2MSL timer restarts), then wait until CLOSED.",
      server:
        "Call listen(). When the client's FIN arrives, acknowledge it and call close(). The ACK of your FIN never comes: when the retransmission timer fires, send the same FIN again (same seq), and reach CLOSED once it is acknowledged.",
    },
  },

  'old-segment-new-connection': {
    title: 'Old segment, new connection',
    summary:
      'Right after the handshake, a data segment from an earlier connection on the same ports reaches the client; its seq is nowhere near what the client expects, so the data is dropped and answered only with an ACK.',
    teaches:
      "Why ISNs are chosen at random and why TIME_WAIT waits 2MSL: a segment that took a long detour can arrive after its connection is gone. With a fresh random ISN its seq almost certainly falls outside the new connection's window, and the 2MSL wait lets such stragglers expire before the same ports are reused.",
    goal: {
      client:
        'Call connect() and complete the handshake. When the old segment arrives in ESTABLISHED, do not take its data: answer with a plain ACK carrying your RCV.NXT, and stay in ESTABLISHED.',
      server:
        "Call listen(), answer the client's SYN and reach ESTABLISHED. The old segment goes to the client; the ACK it sends in reply needs no answer from you.",
    },
  },

  'lost-syn-or-syn-ack': {
    title: 'Lost SYN or SYN,ACK',
    summary:
      "The client's first SYN is lost, then the server's first SYN,ACK; each time the sender's retransmission timer fires and the same segment goes out again.",
    teaches:
      "Reliability comes from acknowledgments and retransmission, not from the handshake itself: the handshake's own segments can be lost too, and they are recovered just like data. A retransmission repeats the original seq, so the ISN never changes.",
    goal: {
      client:
        'Call connect(). Your first SYN is lost: when the retransmission timer fires, send the SYN again with the same ISN x; then acknowledge the SYN,ACK and reach ESTABLISHED.',
      server:
        "Call listen() and answer the client's SYN. Your first SYN,ACK is lost: when the retransmission timer fires, send it again unchanged (seq = y, ack = x+1), and reach ESTABLISHED when the ACK arrives.",
    },
  },

  'simultaneous-open': {
    title: 'Simultaneous open',
    summary:
      "Both sides call connect() and their SYNs cross on the wire; each answers the other's SYN with a SYN,ACK, and both end up in ESTABLISHED on one and the same connection.",
    teaches:
      'What happens when nobody listens and both sides open: a SYN without ACK that arrives in SYN_SENT moves a side to SYN_RCVD. It takes four segments instead of three, but the rule is the same: every SYN must be acknowledged, and each side keeps its own ISN throughout.',
    goal: {
      client:
        "Call connect(). When the server's SYN crosses yours, answer it with a SYN,ACK that keeps your own ISN (seq = x, ack = y+1); reach ESTABLISHED when the server's SYN,ACK arrives.",
      server:
        "You open too: call connect(), not listen(). When the client's SYN crosses yours, answer it with a SYN,ACK that keeps your own ISN (seq = y, ack = x+1); reach ESTABLISHED when the client's SYN,ACK arrives.",
    },
  },

  'simultaneous-close': {
    title: 'Simultaneous close',
    summary:
      "Both applications call close() at the same moment and the FINs cross; each side acknowledges the other's FIN, passes through CLOSING, and both wait in TIME_WAIT.",
    teaches:
      'What happens when there is no passive closer: a FIN that arrives in FIN_WAIT_1, before the ACK of your own FIN, leads to CLOSING rather than CLOSE_WAIT. Both sides closed actively, so both go through TIME_WAIT.',
    goal: {
      client:
        "Call connect(), then close() once ESTABLISHED. When the server's FIN crosses yours, acknowledge it (CLOSING); once your own FIN is acknowledged you enter TIME_WAIT, and a few seconds later CLOSED.",
      server:
        "Call listen(), then close() once ESTABLISHED. When the client's FIN crosses yours, acknowledge it (CLOSING); once your own FIN is acknowledged you enter TIME_WAIT, and a few seconds later CLOSED.",
    },
  },

  'connection-refused': {
    title: 'Connection refused',
    summary:
      'The client sends a SYN to a port where nothing listens; the server\'s TCP answers with RST,ACK, and connect() fails with "connection refused".',
    teaches:
      'What a port without a listener does with a SYN: there is no connection to create, so TCP answers with a reset instead of staying silent. The RST carries ACK with ack = x+1, so that the client in SYN_SENT can tell it answers its own SYN.',
    goal: {
      client:
        "Call connect(). Nothing listens on the server's port: accept its RST,ACK and end in CLOSED (connection refused).",
      server:
        "Your application is not listening on this port. Answer the client's SYN with an RST,ACK (seq = 0, ack = x+1) and stay in CLOSED.",
    },
  },

  'forgotten-close': {
    title: 'Forgotten close()',
    summary:
      "The client closes and the server acknowledges its FIN, but the server's application never calls close(): the server is left in CLOSE_WAIT and the client in FIN_WAIT_2.",
    teaches:
      "What a pile of CLOSE_WAIT sockets on a real server means: the kernel acknowledged the peer's FIN, but the program never closed its socket, usually a bug such as a code path that skips close(). Only the application can end CLOSE_WAIT; no TCP timer does it.",
    goal: {
      client:
        'Call connect(), then close() once ESTABLISHED. The server acknowledges your FIN but never sends its own: the round ends with you in FIN_WAIT_2.',
      server:
        "Call listen() and complete the handshake. When the client's FIN arrives, acknowledge it; your application never calls close(), so the round ends with you in CLOSE_WAIT.",
    },
  },
};
