/** English teaching texts for the TCP rules (see tcp-texts.ts for the placeholders). */
import type { TcpTexts } from './tcp-texts';

export const TCP_TEXTS_EN: TcpTexts = {
  errors: {
    BAD_SEGMENT: {
      message: 'A number is out of range: allowed {expected}, given {given}.',
      explain:
        'seq and ack are 32-bit fields: they run from 0 to 4294967295 and then wrap around to 0, so all sequence arithmetic is modulo 2^32 (RFC 9293 §3.4). In this game a segment carries at most 65535 bytes of payload, and a window is at most 2^30 bytes (about 1 GiB), the ceiling that window scaling allows (RFC 7323).',
    },
    FLAGS_CONFLICT: {
      message: 'These flags cannot go together: {given}.',
      explain:
        'SYN opens a direction, FIN closes one, and RST tears the whole connection down at once: one segment cannot both open and close, and after a reset nothing is left for a SYN or FIN to act on. Firewalls usually drop such combinations as malformed; they are a classic port-scanning trick. Split them into separate segments, or keep only the flag you mean.',
    },
    SYN_WITH_DATA: {
      message: 'In this game a SYN carries no data.',
      explain:
        'The handshake only synchronizes the two initial sequence numbers; data follows once the connection is established. TCP does not forbid data on a SYN, but the receiver cannot deliver it before the handshake completes, and only TCP Fast Open (RFC 7413) makes use of it, which this game leaves out. Send the SYN with len 0.',
    },
    REPLY_OWED: {
      message: 'In {state} this side owes {expected} first, but sent {given}.',
      explain:
        'Some replies are not optional: a listener that accepted a SYN must answer with SYN,ACK (its own ISN, and ack = client ISN + 1), and a segment that belongs to no connection must be answered with an RST (RFC 9293 §3.5.2). A real kernel sends these at once, before the application can do anything else. Send the owed reply first.',
    },
    NOT_SYNCHRONIZED: {
      message: 'In {state} the connection is not synchronized yet: no data, FIN or plain ACK.',
      explain:
        'Until the handshake has exchanged both initial sequence numbers, the peer has not confirmed your ISN and you do not know its ISN: there is nothing to acknowledge, and data or a FIN have no agreed numbers to use. SYN means "synchronize" (RFC 9293 §3.5): first SYN and SYN,ACK, everything else after. A real stack would hold such data back until the handshake completes.',
    },
    FIRST_SYN_HAS_ACK: {
      message: 'The opening SYN must not carry ACK: nothing has been received yet.',
      explain:
        'The ACK flag says "the ack field is valid", and ack names the next number expected from the peer. The side that opens has not heard from the peer and does not know its ISN, so there is nothing to acknowledge: the first segment is a bare SYN with seq = x. A listener would even answer an ACK-bearing segment with an RST (RFC 9293 §3.10.7.2).',
    },
    SYN_NOT_ALLOWED: {
      message: 'No SYN may be sent in {state}.',
      explain:
        "A SYN starts a new sequence space, so it belongs only to the opening: connect() from CLOSED, or the SYN,ACK that answers a peer's SYN. A listener waits for the client to speak first; on a synchronized connection both ISNs are already agreed, and the peer would answer a SYN with a challenge ACK (RFC 5961, RFC 9293 §3.10.7.4).",
    },
    SYN_ACK_UNPROMPTED: {
      message: 'No SYN has arrived, so there is nothing for a SYN,ACK to answer.',
      explain:
        "The ACK half of a SYN,ACK acknowledges the peer's SYN: ack = peer ISN + 1. Without a received SYN there is no number to put there, and the peer, having no matching connection, would reply with an RST (RFC 9293 §3.5.2). A SYN,ACK is always the second step of a handshake, never the first.",
    },
    SYN_ACK_MISSING_ACK: {
      message: 'In SYN_RCVD the reply must carry SYN and ACK together.',
      explain:
        "This side has two things to do: acknowledge the peer's SYN (ack = x+1) and send its own SYN with its ISN y. Putting both into one segment is exactly what makes the handshake three segments instead of four: SYN, SYN,ACK, ACK.",
    },
    SYN_SEQ_CHANGED: {
      message: 'A retransmitted SYN must repeat the ISN {expected}, not {given}.',
      explain:
        "The ISN is fixed when the SYN is first sent. If the SYN or SYN,ACK is lost, the retransmission timer (RFC 6298) resends the same segment with the same seq. A new number would look like a different connection attempt, and the peer's ack of the first one would no longer match.",
    },
    MISSING_ACK_FLAG: {
      message: 'Once synchronized, every segment must carry the ACK flag (this side is in {state}).',
      explain:
        'After the handshake the ack field is always valid, so the ACK flag is always set and ack always carries RCV.NXT (RFC 9293 §3.1). A receiver in a synchronized state drops any segment without ACK, even one with data or a FIN (§3.10.7.4). Adding ACK costs nothing: it consumes no sequence number.',
    },
    DATA_AFTER_FIN: {
      message: 'This side has already sent its FIN: no new data after it.',
      explain:
        'FIN takes the last sequence number of this direction and means "I will send nothing more" (RFC 9293 §3.6). Data after it would need numbers beyond the end of the stream. Closing is one-way: until the peer sends its own FIN, this side can still receive data and acknowledge it.',
    },
    FIN_ALREADY_SENT: {
      message: 'This side has already sent a FIN; only that same FIN (same seq) may be sent again.',
      explain:
        'Each direction closes exactly once, and its FIN occupies one sequence number. If that FIN is not acknowledged, the retransmission timer resends it at the same seq (RFC 6298); a FIN at another number would announce a second, contradictory end of the same stream.',
    },
    DATA_EXCEEDS_WINDOW: {
      message: "The peer's window allows at most {expected} bytes now; this segment has {given}.",
      explain:
        'This is flow control: every ACK advertises a window, the number of bytes the receiver can still buffer beyond the acknowledged point. The sender must stay within SND.UNA + SND.WND (RFC 9293 §3.8.6). Send less, or wait for an ACK that opens the window.',
    },
    RETRANSMIT_MISMATCH: {
      message: 'This seq was used before, but the segment differs from what was sent there.',
      explain:
        'A retransmission resends what is still unacknowledged, from SND.UNA on, at the same numbers: the receiver places every byte by its seq, so the byte (or SYN, or FIN) at a given number never changes. In this game a retransmission repeats the earlier segment exactly: same seq, same length, same SYN or FIN.',
    },
    SEQ_SKIPPED: {
      message: 'seq {given} skips ahead: the next number to send is {expected}.',
      explain:
        'seq must be SND.NXT, the first number not used yet. Only a SYN, a FIN and data bytes move it forward; a pure ACK consumes nothing (RFC 9293 §3.4). A common slip is a FIN with seq = x+2 right after the handshake: with no data sent in between it is x+1, and x+2 is right only after one byte of data.',
    },
    SEQ_REUSED: {
      message: 'seq {given} reuses numbers already sent: the next number to send is {expected}.',
      explain:
        'Every number below SND.NXT is already taken by a byte, a SYN or a FIN that went out, so the receiver would take new data there for an old duplicate. New data continues at SND.NXT; to retransmit, resend the earlier segment exactly. A frequent cause: forgetting that the SYN used up x, so the first data byte is x+1.',
    },
    SEQ_PEER_SPACE: {
      message: "seq {given} comes from the peer's numbering; this side continues at {expected}.",
      explain:
        "TCP is full duplex: each direction has its own sequence space, starting from its own ISN (x for the client, y for the server). seq counts your own bytes; the peer's numbers belong in the ack field. So the third handshake segment is seq = x+1, ack = y+1, and nothing has to be written into its data.",
    },
    ACK_OFF_BY_ONE: {
      message: 'ack {given} is one short: it should be {expected}.',
      explain:
        'ack names the next number you expect (RCV.NXT), not the last one you received. SYN and FIN each occupy one sequence number, so a SYN with seq = x is acknowledged with ack = x+1, and a FIN with seq = u with ack = u+1. That is why the SYN,ACK carries ack = x+1.',
    },
    ACK_OWN_SPACE: {
      message: "ack {given} comes from this side's own numbers; acknowledge the peer's: {expected}.",
      explain:
        "ack tells the peer how much of its stream has arrived, so it is computed from the peer's seq (its ISN plus what it has sent), never from your own SND.NXT. The client's third handshake segment therefore has ack = y+1, the server's ISN plus one, not x+1.",
    },
    ACK_AHEAD: {
      message: 'ack {given} acknowledges numbers that have not arrived; at most {expected}.',
      explain:
        'An ACK is a receipt: it may only confirm what has actually arrived in order. Acknowledging more would tell the sender to forget bytes that never got here, and an ack beyond what the peer has sent is dropped and answered with an ACK (RFC 9293 §3.10.7.4).',
    },
    ACK_BEHIND: {
      message: 'ack {given} is behind: everything up to {expected} has already arrived.',
      explain:
        'ACK is cumulative: ack = n says every number before n has arrived, so you acknowledge all you have received, with RCV.NXT. An older ack tells the sender less than you know; it looks like a duplicate ACK, and a few of those trigger a needless fast retransmit (RFC 5681).',
    },
    RST_NOTHING_TO_RESET: {
      message: 'There is nothing to reset in {state}.',
      explain:
        'An RST aborts an existing connection, or answers a segment that belongs to no connection (RFC 9293 §3.5.2). A listener or a closed port with nothing to answer has no peer to tell. In TIME_WAIT both directions are already closed and acknowledged: the side only waits out 2MSL.',
    },
    RST_SEQ_WRONG: {
      message: 'The RST needs seq {expected}, not {given}.',
      explain:
        "A receiver accepts an RST only if its seq falls in the receive window, and with the RFC 5961 defence against blind resets only if it is exactly RCV.NXT (RFC 9293 §3.5.3, §3.10.7.4). So an RST answering a stray segment takes seq = that segment's ack, aborting your own connection uses seq = SND.NXT, and an RST,ACK refusing a SYN uses seq 0.",
    },
    RST_ACK_WRONG: {
      message: 'The RST,ACK refusing the connection must carry ack {expected}, not {given}.',
      explain:
        'In SYN_SENT the client has no receive window yet, so it checks an RST by its ack: only one that acknowledges its SYN, ack = x+1, is accepted (RFC 9293 §3.10.7.3). With any other ack the RST is ignored, and the client keeps waiting instead of learning that the connection is refused.',
    },
    CALL_LISTEN_NOT_CLOSED: {
      message: 'listen() only works from CLOSED; this side is in {state}.',
      explain:
        'listen() is a passive open (RFC 9293 §3.10.1): it turns an unused endpoint into one that waits for SYNs. A side that is already listening, connecting or connected has its connection record in use; let that connection end first.',
    },
    CALL_CONNECT_NOT_CLOSED: {
      message: 'connect() only works from CLOSED; this side is in {state}.',
      explain:
        'connect() is an active open: it picks an ISN, sends a SYN and enters SYN_SENT (RFC 9293 §3.10.1). A side that already has a connection, or is listening, cannot start a second one on the same record. When both sides call connect() from CLOSED at the same time, that is a simultaneous open.',
    },
    CALL_CLOSE_NOT_OPEN: {
      message: 'close() in {state}: there is no connection to close.',
      explain:
        "close() ends this side's sending direction by sending a FIN (RFC 9293 §3.10.4). In CLOSED there is neither a connection nor a peer, so there is nothing to finish.",
    },
    CALL_CLOSE_TWICE: {
      message: 'close() was already called: this side is in {state}.',
      explain:
        "close() is called once: it sends the single FIN of this direction. After that the side only waits, for the ACK of its FIN, for the peer's FIN, or for 2MSL in TIME_WAIT. A lost FIN is resent by the retransmission timer, not by another close().",
    },
    CALL_SEND_NOT_OPEN: {
      message: 'send() in {state}: the connection is not established yet.',
      explain:
        'In this game data flows only after the handshake. A real stack would queue the bytes until the connection is ESTABLISHED (RFC 9293 §3.10.2), which is why connect() normally blocks until the three segments have been exchanged.',
    },
    CALL_SEND_AFTER_CLOSE: {
      message: 'send() after close(): this side has already sent its FIN ({state}).',
      explain:
        'close() means this side will send nothing more. It is a half-close (RFC 9293 §3.6.1): this side can still receive, and the side that has not closed yet may keep sending until it calls close() too.',
    },
    CALL_SEND_BAD_LENGTH: {
      message: 'send({given}): send a whole number of bytes from 1 to 65535 that fits the window.',
      explain:
        "A send() carries at least one byte (a segment without data would be a pure ACK) and, in this game, at most 65535. It must also fit in what the peer's advertised window still leaves free beyond the unacknowledged data (flow control, RFC 9293 §3.8.6).",
    },
    CALL_ABORT_NOTHING: {
      message: 'abort() in {state}: there is no connection to abort.',
      explain:
        'abort() throws a connection away and tells the peer with an RST (RFC 9293 §3.10.5). In CLOSED or LISTEN there is no peer to tell. In TIME_WAIT both directions are already closed and acknowledged, so nothing is left to abort: the side ends quietly once 2MSL is up.',
    },
  },

  notes: {
    RCV_SYN_LISTEN: {
      message: 'SYN seq={seq} received: now {state}, owes SYN,ACK with ack={rcvNxt}.',
      explain:
        "The listener records the client's ISN x, picks its own ISN y and answers with one segment: SYN with seq = y, plus ACK with ack = x+1, because the SYN used up number x and ack names the next one expected (RFC 9293 §3.10.7.2). The connection is now half-open and waits in the SYN queue for the third segment.",
    },
    RCV_NO_LISTENER: {
      message: 'SYN seq={seq} to a port with no listener: answering RST,ACK (connection refused).',
      explain:
        'A segment for a connection that does not exist is answered with an RST (RFC 9293 §3.5.2). As the SYN carried no ACK, the RST takes seq 0 and carries ACK with ack = x+1, so that the client in SYN_SENT can accept it. The client application sees "connection refused".',
    },
    RCV_STRAY_SEGMENT: {
      message: '{flags} ack={ack} belongs to no connection: answering RST seq={ack}.',
      explain:
        "A closed port or a listener has no connection this ACK could belong to; a listener accepts nothing but a SYN. The RST takes its seq from the stray segment's ack, a number the sender is sure to find acceptable (RFC 9293 §3.5.2). Typical sources: a host that rebooted and forgot its connections, or a SYN,ACK that arrived late.",
    },
    RCV_BAD_SYN_ACK: {
      message: 'SYN,ACK ack={ack} does not acknowledge our SYN: answering RST seq={ack}, still {state}.',
      explain:
        'SYN_SENT accepts a SYN,ACK only if ack = its own ISN + 1 (RFC 9293 §3.10.7.3). Any other ack means the peer is answering some other SYN, for example an old duplicate from an earlier attempt. The RST makes the peer drop that half-open connection, and this side keeps waiting for the right SYN,ACK.',
    },
    RCV_REFUSED: {
      message: 'RST,ACK ack={ack} accepted: connection refused, now {state}.',
      explain:
        'Nobody is listening on the peer\'s port. In SYN_SENT an RST counts only if its ack acknowledges our SYN (RFC 9293 §3.10.7.3); this one does, so the attempt ends and connect() reports "connection refused".',
    },
    RCV_HANDSHAKE_DONE: {
      message: '{flags} ack={ack} completes the handshake: now {state}.',
      explain:
        "Both ISNs are now known and acknowledged: each side's SYN has been answered by an ACK. Three segments suffice because the middle one carries the server's SYN and its ACK of the client's SYN together. The third segment is simply seq = x+1, ack = y+1; it carries data only if the application has some, and no \"ISN+1\" is written into it.",
    },
    RCV_SIMULTANEOUS_OPEN: {
      message: 'SYN seq={seq} without ACK in SYN_SENT: simultaneous open, now {state}.',
      explain:
        "Both sides called connect() and the SYNs crossed. Each answers the other's SYN with a SYN,ACK that repeats its own ISN and acknowledges the peer's ISN + 1; when those arrive, both are ESTABLISHED on one single connection (RFC 9293 §3.5).",
    },
    RCV_RESET: {
      message: 'RST seq={seq} accepted: connection reset, now {state}.',
      explain:
        'An RST whose seq is exactly where the receiver expected it ends the connection on the spot (RFC 9293 §3.5.3): no FIN exchange, no TIME_WAIT, and data not yet delivered is lost. The application sees "connection reset by peer".',
    },
    RCV_RESET_TO_LISTEN: {
      message: 'RST in SYN_RCVD: half-open connection dropped, back to {state}.',
      explain:
        'The SYN this listener answered was not wanted by the peer, e.g. an old duplicate SYN that wandered in late; the peer refused the SYN,ACK with an RST, so the listener forgets it and listens again (RFC 9293 §3.5.3). This is why two segments are not enough: with only SYN and SYN,ACK the server would hold a connection nobody uses. The third step lets the client confirm or refuse.',
    },
    RCV_RST_IGNORED: {
      message: 'RST seq={seq} is outside the window: ignored.',
      explain:
        'An RST is believed only if its seq lies in the receive window (RFC 9293 §3.5.3). One outside may be an old segment from an earlier connection or a forgery by someone guessing numbers; dropping it silently keeps a healthy connection alive.',
    },
    RCV_RST_CHALLENGE: {
      message: 'RST seq={seq} is in the window but not {rcvNxt}: challenge ACK sent.',
      explain:
        'Following RFC 5961, adopted in RFC 9293 §3.10.7.4, only an RST exactly at RCV.NXT resets the connection; one elsewhere in the window gets a challenge ACK (seq = SND.NXT, ack = RCV.NXT). A peer that really reset answers with an RST at the exact number; a blind attacker who can only guess roughly cannot.',
    },
    RCV_SYN_CHALLENGE: {
      message: 'SYN on a synchronized connection ({state}): challenge ACK sent.',
      explain:
        'Once both ISNs are agreed, a SYN has no place on this connection. Instead of resetting, which a forged SYN could exploit, the receiver sends a challenge ACK (RFC 5961, RFC 9293 §3.10.7.4). If the peer has really restarted and forgotten the connection, it answers that ACK with an RST, and only then does the connection end.',
    },
    RCV_DUPLICATE: {
      message: 'seq={seq} is before {rcvNxt}: old duplicate, ACK {rcvNxt} repeated, segment dropped.',
      explain:
        'These numbers have already arrived; usually the peer retransmitted because our ACK was lost. Answering with ack = RCV.NXT again repairs that loss (RFC 9293 §3.10.7.4): reliability comes from ACKs plus retransmission, and a pure ACK is never retransmitted itself.',
    },
    RCV_OUT_OF_WINDOW: {
      message: 'seq={seq} is outside the receive window: dropped, ACK {rcvNxt} sent.',
      explain:
        'A segment is acceptable only if its numbers fall between RCV.NXT and RCV.NXT + RCV.WND (RFC 9293 §3.10.7.4). One this far off is typically a straggler from an earlier connection on the same ports. Random ISNs (RFC 6528) make it unlikely that such a straggler lands in the new window, and the 2MSL of TIME_WAIT lets stragglers expire before the ports are reused.',
    },
    RCV_OUT_OF_ORDER: {
      message: 'seq={seq} is ahead of {rcvNxt}: a gap, duplicate ACK {rcvNxt} sent.',
      explain:
        'Something before this segment is missing, lost or still on its way. Real stacks usually keep such a segment in a buffer; this game drops it to stay simple. Either way the reply repeats ack = RCV.NXT, a duplicate ACK that shows the sender where the gap starts; three of them trigger a fast retransmit (RFC 5681).',
    },
    RCV_ACK_UNSENT: {
      message: 'ack={ack} acknowledges numbers never sent: dropped, ACK sent.',
      explain:
        'An ACK is acceptable only if it is above SND.UNA and not above SND.NXT (RFC 9293 §3.10.7.4). Anything beyond claims receipt of data that was never sent: the peer is confused or the segment is forged. The receiver drops it and replies with an ACK carrying its true numbers.',
    },
    RCV_NO_ACK_DROPPED: {
      message: '{flags} without ACK on a synchronized connection: dropped.',
      explain:
        'After the handshake every segment must have the ACK flag set. A receiver in a synchronized state discards a segment without it, whatever else it carries (RFC 9293 §3.10.7.4), and sends nothing back.',
    },
    RCV_DATA: {
      message: '{len} bytes accepted: RCV.NXT is now {rcvNxt}, owes ACK {rcvNxt}.',
      explain:
        "In-order data is handed to the application and RCV.NXT moves forward by len; ack = RCV.NXT confirms everything up to there at once (cumulative ACK). If this ACK is lost, the sender's retransmission timer (RFC 6298) sends the data again: that, not the handshake, is where TCP's reliability comes from.",
    },
    RCV_ACK: {
      message: 'ack={ack} received: nothing to answer.',
      explain:
        'The ACK moves SND.UNA forward, and whatever it covers no longer needs the retransmission timer. A pure ACK consumes no sequence number, so it is never acknowledged itself; otherwise two hosts would trade ACKs forever.',
    },
    RCV_FIN: {
      message: 'FIN seq={seq} received: the peer will send no more. Now {state}, owes ACK {rcvNxt}.',
      explain:
        "The FIN occupies one number, so ack = FIN seq + 1. The kernel sends that ACK at once, but this side's own FIN comes only when its application calls close(), and until then it may still send data. That gap is why closing usually takes four segments, not three (RFC 9293 §3.6).",
    },
    RCV_FIN_ACKED: {
      message: 'ack={ack} covers our FIN: now {state}.',
      explain:
        "This side's sending direction is closed and the peer has confirmed it. In FIN_WAIT_2 the side waits for the peer's FIN; until then the peer may still send data, which this side receives and acknowledges (half-close, RFC 9293 §3.6.1).",
    },
    RCV_SIMULTANEOUS_CLOSE: {
      message: 'FIN seq={seq} arrived while our FIN is unacknowledged: now {state}, owes ACK {rcvNxt}.',
      explain:
        "Both applications called close() at about the same time and the FINs crossed. Each side acknowledges the other's FIN and waits in CLOSING for the ACK of its own; when that arrives, both go to TIME_WAIT (RFC 9293 §3.6).",
    },
    RCV_TIME_WAIT: {
      message: 'Both directions are closed: now {state}, waiting 2MSL before CLOSED.',
      explain:
        "The side that closed first waits 2 × MSL (maximum segment lifetime) for two reasons: if its last ACK is lost, the peer in LAST_ACK retransmits its FIN and this side must still be there to answer; and stray segments of this connection must die out before the same ports are reused. That last segment is an ordinary ACK: LAST_ACK is the name of the peer's state, not of a segment. The RFC's MSL is 2 minutes (Linux waits a fixed 60 s); the game scales it down.",
    },
    RCV_TIME_WAIT_RESTART: {
      message: 'FIN seq={seq} again in TIME_WAIT: ACK {rcvNxt} sent again, 2MSL timer restarted.',
      explain:
        "Our last ACK was lost, so the peer's retransmission timer fired and it sent its FIN again. This is exactly what TIME_WAIT is for: had this side already gone to CLOSED, the FIN would be answered with an RST and the peer would report an error instead of a clean close. The timer restarts so that the new ACK also gets a full 2MSL (RFC 9293 §3.10.7.4).",
    },
    RCV_CLOSED: {
      message: 'The ACK of our FIN arrived in LAST_ACK: now {state}.',
      explain:
        'The side that closed second had only its FIN outstanding; once that is acknowledged, it deletes the connection immediately. It needs no TIME_WAIT: waiting is the job of the side that sends the final ACK, because that ACK is the one segment nobody would retransmit if it got lost.',
    },
    RCV_IGNORED: {
      message: '{flags} seq={seq} ignored in {state}.',
      explain:
        'This segment means nothing in this state, so it is dropped without a reply. For example, an RST arriving at a listener or a closed port is simply discarded: an RST is never answered with an RST, or two hosts could bounce resets back and forth (RFC 9293 §3.10.7.1, §3.10.7.2).',
    },
  },

  captureNotes: {
    CAP_KEEPALIVE: {
      message:
        'it is a keep-alive: seq {seq} is SND.NXT - 1 with nothing in flight; the peer answers with an ACK.',
      explain:
        'An idle connection can be checked by sending a number the peer already has: seq = SND.NXT - 1, with no data or one byte of filler (RFC 9293 §3.8.4, RFC 1122 §4.2.3.6). The peer finds it old, drops it and answers with an ACK, which proves it is still there. Linux sends these once SO_KEEPALIVE is on and the connection has been idle long enough; the same shape probes a zero window. Any synchronized state may send one, CLOSE_WAIT and FIN_WAIT_2 included.',
    },
    CAP_SYN_DATA: {
      message: 'it is a SYN that carries {len} bytes of data (TCP Fast Open).',
      explain:
        'TCP allows data on a SYN: the receiver queues it and delivers it once the connection is established (RFC 9293 §3.10.7.2). TCP Fast Open (RFC 7413) uses this to save a round trip: a client that holds a cookie from an earlier connection puts its first request on the SYN. The data takes the numbers right after the SYN, from x+1 to x+len.',
    },
    CAP_FAST_OPEN_TAKEN: {
      message: 'the listener took the data on the SYN: ack {ack} covers the SYN and its data.',
      explain:
        'With a valid Fast Open cookie (RFC 7413) the server accepts the data of the SYN at once and acknowledges it in its SYN,ACK: ack = x + 1 + the length of the data. The client then knows it does not have to send that data again.',
    },
    CAP_FAST_OPEN_REFUSED: {
      message:
        'this SYN,ACK acknowledges only the SYN: the data on the SYN was not taken and comes again later.',
      explain:
        'A server that finds no valid cookie, or does not do Fast Open at all, ignores the data on a SYN and acknowledges the SYN alone (ack = x+1), as RFC 7413 asks. The client sees that its data is unacknowledged and sends it again after the handshake, as ordinary data from x+1.',
    },
    CAP_FAST_OPEN_EARLY_DATA: {
      message: 'the server took Fast Open data, so it may answer before the ACK of the handshake arrives.',
      explain:
        'RFC 7413 lets a server that accepted data on a SYN hand it to the application and send the answer at once, still in SYN_RCVD: the round trip the handshake would cost is saved. Its numbers follow its own SYN as usual.',
    },
    CAP_OLD_SEGMENT: {
      message:
        'it is an old segment, overtaken: this side had already sent later numbers; the receiver ignores it.',
      explain:
        'Segments can be reordered between the sender and the capture point, so one sent earlier may be captured after later ones: its seq or ack is older than what this side has already shown. A receiver ignores an ACK below SND.UNA (RFC 9293 §3.10.7.4) and drops what it already has, so an old segment changes nothing.',
    },
    CAP_EARLIER_CONNECTION: {
      message:
        "far before this side's ISN: a segment of an earlier connection on these ports; the receiver drops it.",
      explain:
        "A side never sends below its initial sequence number, so a segment whose seq lies before it, beyond any window of this connection, is left over from an earlier connection between the same ports, delayed in the network. ISNs are chosen so that such a segment falls outside the receiver's window (RFC 9293 §3.4.1): it is dropped and answered with an ACK that names what this connection expects, and it changes nothing.",
    },
    CAP_ACK_INSIDE: {
      message: 'its ack falls inside #{ref}: that segment arrived in pieces, and only the first ones so far.',
      explain:
        'The capture holds #{ref} as one large segment, but the receiver acknowledges a number inside it. Segmentation offload explains it: the sender handed the network device one large block (what a capture at the sender shows), and the device or a router cut it into segments that fit the path. Any ack with SND.UNA < ack <= SND.NXT is acceptable (RFC 9293 §3.10.7.4).',
    },
    CAP_RENEGED: {
      message:
        'its ack is below data that arrived out of order: the receiver dropped that data before acknowledging it.',
      explain:
        'A receiver keeps data that arrives beyond a gap, but until it acknowledges that data it may throw it away again, for instance when its buffer runs short (RFC 2018 allows this reneging; Linux prunes its out-of-order queue under memory pressure). Its ack then stays below data the capture saw arrive, and the sender has to send that data again. What the receiver still names in its SACK blocks is kept.',
    },
    CAP_NOT_ARRIVED: {
      message:
        'its ack stops before #{ref}: that segment had not arrived (lost after the capture point, or late).',
      explain:
        'A receiver acknowledges everything it holds in order, so its ack shows exactly where its data stops. When the ack is below a segment the capture saw earlier, that segment had not reached the receiver: it was lost after the capture point, or is late. Real receivers keep what arrives beyond the gap and send duplicate ACKs, often with SACK blocks (RFC 2018), until the gap is filled.',
    },
    CAP_RESENDS_LOST: {
      message: 'it resends #{ref}, which the receiver never got: lost after the capture point.',
      explain:
        'The capture point saw #{ref} go by, but the receiver never acknowledged it, while its duplicate ACKs showed that later data did arrive. So it was lost further along the path, and the sender retransmitted it after its timer or duplicate ACKs (RFC 6298, RFC 5681). Only this copy reaches the receiver.',
    },
    CAP_NOT_CAPTURED: {
      message: 'the numbers before seq {seq} were sent but not captured here; #{ref} brings them later.',
      explain:
        'A capture point sees only what passes it. If a segment was lost before it, or was overtaken on the way to it, the next one seems to skip numbers. The capture shows the missing numbers later (#{ref}): a retransmission, or the late segment itself. The sender did nothing wrong.',
    },
    CAP_FILLS_GAP: {
      message: 'it brings the numbers missing before #{ref}: a late or resent segment, not a new one.',
      explain:
        'Earlier the capture saw a segment that skipped numbers; this one carries them. It was overtaken on its way to the capture point, or lost before it and sent again. Either way the receiver puts its bytes in their place in the stream, by seq, and acknowledges the whole run at once.',
    },
    CAP_REPACKETIZED: {
      message:
        'it is a retransmission packed differently: it also carries bytes not seen at this seq before.',
      explain:
        'A retransmission must repeat the same bytes at the same numbers, but not in the same segments: a sender may merge small unacknowledged segments into one (Linux does, see tcp_retrans_collapse), or add bytes queued since. What counts is that every number keeps its byte. The part beyond SND.NXT is judged as new data.',
    },
    CAP_ALREADY_ACKED: {
      message: 'it resends bytes the capture shows acknowledged: that ACK had not reached the sender.',
      explain:
        'The capture point saw the receiver acknowledge these bytes, but the sender had not seen it (the ACK was still on its way, or lost after the capture point), so its timer sent the data again. Such a spurious retransmission is harmless: the receiver drops what it already has and acknowledges again (RFC 9293 §3.10.7.4).',
    },
    CAP_RST_AFTER_CLOSE: {
      message:
        "it answers data that arrived after close(): seq {seq} is that data's ack, which the peer accepts.",
      explain:
        'After close() the application reads nothing more, so data that still arrives cannot be delivered. RFC 9293 §3.6.1 (after RFC 1122 §4.2.2.13) says the host should then send an RST to show that data was lost. Linux builds it from the arriving segment: seq = its ack, a number its sender is sure to find acceptable.',
    },
    CAP_BIG_SEGMENT: {
      message:
        'it carries {len} bytes, more than an IP packet holds: offload or BIG TCP at the capture point.',
      explain:
        'An IPv4 packet, or an ordinary IPv6 one, holds at most 65,535 bytes. A capture taken at the sending host can show more: with segmentation offload and BIG TCP the stack hands the device one block of up to hundreds of kilobytes (IPv4 total length 0, or an IPv6 jumbogram, RFC 2675), and the device cuts it into segments for the wire. It is judged as the pieces the wire carried.',
    },
    CAP_HELD: {
      message: 'seq={seq} is beyond {rcvNxt}: kept until the gap is filled; duplicate ACK {rcvNxt} sent.',
      explain:
        'A real receiver does not throw away data that arrives after a gap: it keeps it in a reassembly queue and answers with a duplicate ACK for RCV.NXT, usually with a SACK block naming what it holds (RFC 2018). When the missing numbers arrive, everything up to the end of the queue is in order at once.',
    },
    CAP_GAP_FILLED: {
      message: 'the gap is filled: the data kept earlier is now in order, RCV.NXT is {rcvNxt}.',
      explain:
        'The missing segment has arrived, so the data held beyond it joins the stream and RCV.NXT jumps past all of it. One cumulative ACK now confirms the whole run, which is why the ACK after a loss often covers far more than the retransmitted segment.',
    },
    CAP_SYN_DATA_WAITS: {
      message: 'the SYN carried {len} bytes: the SYN,ACK will show whether the listener takes them.',
      explain:
        'A listener that does Fast Open and finds a valid cookie takes the data of the SYN at once; otherwise it drops the data and acknowledges the SYN alone (RFC 7413). Which of the two happened shows in the ack of its SYN,ACK.',
    },
    CAP_LOST: {
      message: 'lost after the capture point: the receiver never got it; #{ref} sent it again.',
      explain:
        "The capture point saw this segment, but the receiver's ACKs show that it never arrived: it was dropped further along the path. The sender noticed (duplicate ACKs, SACK blocks or its timer) and resent it as #{ref}. A capture at one point cannot show a loss itself, only the traces it leaves.",
    },
  },

  states: {
    CLOSED: {
      name: 'CLOSED (no connection)',
      description:
        'No connection exists: no record, nothing sent and nothing expected. listen() or connect() starts from here.',
    },
    LISTEN: {
      name: 'LISTEN (listening)',
      description: 'Passive open: waits for a SYN from any client, to answer it with a SYN,ACK.',
    },
    SYN_SENT: {
      name: 'SYN_SENT (SYN sent)',
      description:
        'Has sent a SYN with its ISN and waits for a SYN,ACK that acknowledges it (ack = ISN+1); the SYN is retransmitted if nothing comes.',
    },
    SYN_RCVD: {
      name: 'SYN_RCVD (SYN received)',
      description:
        'Has received a SYN and answered with a SYN,ACK; waits for the ACK of its own SYN. The connection is half-open.',
    },
    ESTABLISHED: {
      name: 'ESTABLISHED (connection open)',
      description:
        'Both sequence spaces are synchronized: data may flow in both directions until one side calls close().',
    },
    FIN_WAIT_1: {
      name: 'FIN_WAIT_1 (FIN sent)',
      description:
        "Has called close() and sent a FIN; waits for its ACK (or for the peer's FIN). Data from the peer is still received.",
    },
    FIN_WAIT_2: {
      name: 'FIN_WAIT_2 (FIN acknowledged)',
      description:
        "Its FIN is acknowledged, so this direction is closed; waits for the peer's FIN, while the peer may still send data.",
    },
    CLOSE_WAIT: {
      name: 'CLOSE_WAIT (waiting for close())',
      description:
        "Has received and acknowledged the peer's FIN; waits for its own application to call close(), and may still send meanwhile. Many sockets stuck here on a server mean the program forgets to call close().",
    },
    CLOSING: {
      name: 'CLOSING (FINs crossed)',
      description:
        "Both sides sent a FIN at about the same time; has acknowledged the peer's FIN and waits for the ACK of its own.",
    },
    LAST_ACK: {
      name: 'LAST_ACK (waiting for the last ACK)',
      description:
        'Closed second: has sent its FIN and waits for the ACK of it, then goes straight to CLOSED; the FIN is retransmitted if no ACK comes.',
    },
    TIME_WAIT: {
      name: 'TIME_WAIT (waiting 2MSL)',
      description:
        "Closed first and has acknowledged the peer's FIN; waits 2MSL to answer a retransmitted FIN and to let old segments expire, then CLOSED.",
    },
  },
};
