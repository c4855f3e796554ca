/** Table of application calls per state: what each does and which are refused. */
import type { JudgeErrorCode } from '../../shared/tcp/codes';
import type { AppCall, Tcb, TcpState } from '../../shared/tcp/types';
import { R } from './records';

export interface CallCase {
  name: string;
  tcb: Tcb;
  call: AppCall;
  expect: { state: TcpState; wire: string | null } | { code: JudgeErrorCode };
}

const c = (name: string, tcb: Tcb, call: AppCall, expect: CallCase['expect']): CallCase => ({
  name,
  tcb,
  call,
  expect,
});

export const CALL_CASES: CallCase[] = [
  c('listen in CLOSED', R.closed, { call: 'listen' }, { state: 'LISTEN', wire: null }),
  c('listen twice', R.listen, { call: 'listen' }, { code: 'CALL_LISTEN_NOT_CLOSED' }),
  c('connect in CLOSED', R.closed, { call: 'connect', iss: 42 }, { state: 'SYN_SENT', wire: 'SYN' }),
  c(
    'connect while connected',
    R.established,
    { call: 'connect', iss: 42 },
    { code: 'CALL_CONNECT_NOT_CLOSED' },
  ),
  c('close in LISTEN', R.listen, { call: 'close' }, { state: 'CLOSED', wire: null }),
  c('close in SYN_SENT', R.synSent, { call: 'close' }, { state: 'CLOSED', wire: null }),
  c('close in SYN_RCVD', R.synRcvd, { call: 'close' }, { state: 'FIN_WAIT_1', wire: 'FIN,ACK' }),
  c('close before the SYN,ACK was sent', R.synRcvdOwes, { call: 'close' }, { code: 'REPLY_OWED' }),
  c('close in ESTABLISHED', R.established, { call: 'close' }, { state: 'FIN_WAIT_1', wire: 'FIN,ACK' }),
  c('close in CLOSE_WAIT', R.closeWait, { call: 'close' }, { state: 'LAST_ACK', wire: 'FIN,ACK' }),
  c('close in CLOSED', R.closed, { call: 'close' }, { code: 'CALL_CLOSE_NOT_OPEN' }),
  c('close twice (FIN_WAIT_2)', R.finWait2, { call: 'close' }, { code: 'CALL_CLOSE_TWICE' }),
  c('close in TIME_WAIT', R.timeWait, { call: 'close' }, { code: 'CALL_CLOSE_TWICE' }),
  c(
    'send in ESTABLISHED',
    R.established,
    { call: 'send', bytes: 100 },
    { state: 'ESTABLISHED', wire: 'PSH,ACK' },
  ),
  c(
    'send in CLOSE_WAIT',
    R.closeWait,
    { call: 'send', bytes: 100 },
    { state: 'CLOSE_WAIT', wire: 'PSH,ACK' },
  ),
  c('send in SYN_SENT', R.synSent, { call: 'send', bytes: 100 }, { code: 'CALL_SEND_NOT_OPEN' }),
  c('send after close', R.finWait1, { call: 'send', bytes: 100 }, { code: 'CALL_SEND_AFTER_CLOSE' }),
  c('send zero bytes', R.established, { call: 'send', bytes: 0 }, { code: 'CALL_SEND_BAD_LENGTH' }),
  c(
    'send beyond the window',
    R.establishedInFlight,
    { call: 'send', bytes: 65535 },
    { code: 'CALL_SEND_BAD_LENGTH' },
  ),
  c('abort in ESTABLISHED', R.established, { call: 'abort' }, { state: 'CLOSED', wire: 'RST,ACK' }),
  c('abort in FIN_WAIT_1', R.finWait1, { call: 'abort' }, { state: 'CLOSED', wire: 'RST,ACK' }),
  c('abort in CLOSE_WAIT', R.closeWait, { call: 'abort' }, { state: 'CLOSED', wire: 'RST,ACK' }),
  c('abort in CLOSING', R.closing, { call: 'abort' }, { state: 'CLOSED', wire: 'RST,ACK' }),
  c('abort in LAST_ACK', R.lastAck, { call: 'abort' }, { state: 'CLOSED', wire: 'RST,ACK' }),
  c('abort in SYN_SENT', R.synSent, { call: 'abort' }, { state: 'CLOSED', wire: null }),
  c('abort in LISTEN', R.listen, { call: 'abort' }, { state: 'CLOSED', wire: null }),
  c('abort in CLOSED', R.closed, { call: 'abort' }, { code: 'CALL_ABORT_NOTHING' }),
  c('abort in TIME_WAIT', R.timeWait, { call: 'abort' }, { code: 'CALL_ABORT_NOTHING' }),
];
