/**
 * Messages for the game server's own errors (malformed events, rate limits, joining games...),
 * as opposed to the TCP rules' refusals in tcp-texts.*.ts. BAD_PAYLOAD has a {detail} placeholder
 * the server may fill with what was wrong; formatProtocolError removes it cleanly when absent.
 */
import { SERVER_ERROR_CODES, type ServerErrorCode } from '../protocol/events';
import type { Lang } from './index';

/** The server's error codes, as listed once in the event map. */
export const PROTOCOL_ERROR_CODES = SERVER_ERROR_CODES;
export type ProtocolErrorCode = ServerErrorCode;

export const PROTOCOL_TEXTS: Record<Lang, Record<ProtocolErrorCode, string>> = {
  'zh-CN': {
    BAD_PAYLOAD: '消息数据格式不正确：{detail}。',
    PAYLOAD_TOO_LARGE: '消息太大，服务器不予接收。',
    UNKNOWN_EVENT: '服务器无法识别这种消息，请刷新页面后再试。',
    RATE_LIMITED: '操作太频繁了，请稍等片刻再试。',
    NOT_IN_GAME: '你还没有加入对局，请先创建或加入一局。',
    NOT_YOUR_TURN: '现在还轮不到你：等对方的报文段到达，或者等定时器到期。',
    OFF_PLAN: '在这个场景里，你的应用程序不会这样做：请按它的计划走（见本局目标）。',
    VIEW_STALE:
      '你看到的局面已经过时了：就在你出招时，又有报文段到达或定时器到期。请看新的局面再走一次，这不算错误。',
    GAME_NOT_PLAYING: '对局不在进行中：还没开始，或者已经结束了。',
    GAME_PAUSED: '老师暂停了对局：时钟停止，恢复之前不能走棋。',
    GAME_NOT_FOUND: '找不到这局游戏，它可能已经结束并被清理了。',
    CODE_NOT_FOUND: '没有哪局游戏使用这个房间码，请核对后再试。',
    GAME_FULL: '这局已经满员了。',
    ALREADY_IN_GAME: '你已经在一局游戏中了，先退出才能加入别的对局。',
    ALREADY_WAITING: '你已经在等待对手了，不用重复操作。',
    HINTS_OFF: '只有练习模式才能使用提示。',
    NICKNAME_INVALID: '昵称须为 1 到 20 个字符，且不能包含控制字符。',
    SESSION_INVALID: '会话已失效，请刷新页面重新进入。',
    CLASS_NOT_FOUND: '没有哪个班级使用这个加入码，请核对黑板上的码后再试。',
    CLASS_LOCKED: '老师已锁定这个班级，暂时不能加入。请举手告诉老师。',
    NICKNAME_TAKEN: '班里已经有人用了这个昵称，换一个吧。',
    KICKED: '老师已把你移出这个班级，不能再用同一个会话加入。',
    NOT_HOST: '只有主持这个班级的老师才能这样做。',
    NOT_IN_CLASS: '你还没有加入班级。',
    ALREADY_IN_CLASS: '你已经在一个班级里了：先退出它，或者等老师开始下一轮。',
    HOST_TOKEN_INVALID: '主持凭证不对，无法接管这个班级。',
    TOO_MANY_ATTEMPTS: '从你的网络输错加入码的次数太多了，请过一分钟再试。',
    ROUND_RUNNING: '有一轮正在进行：先结束它，再改配对或开始新的一轮。',
    NO_ROUND: '现在没有进行中的一轮。',
    NOT_ENOUGH_STUDENTS: '至少要有一名学生加入，才能开始一轮。',
    PAIRS_INVALID: '配对不合法：每名学生必须恰好出现一次。',
    PAIR_NOT_FOUND: '这一轮里找不到这组学生。',
    SEGMENT_NOT_FOUND: '这个报文段已经不在线路上了（已到达或已丢失）。',
    STUDENT_NOT_FOUND: '班里没有这名学生（可能已经离开了）。',
    SETTINGS_INVALID: '这组时间设置不成立：{detail}。',
    STORE_UNAVAILABLE: '服务器暂时连不上存放对局的数据库，本次操作没有生效。请稍等几秒再试，对局会接着进行。',
    OUTCOME_UNKNOWN:
      '数据库没有及时回答：这一步可能已经生效，也可能没有。请再发一次同样的请求（走棋时用同一个 moveId）：回答会告诉你确切的结果，同一步棋绝不会执行两次。',
    BUSY: '服务器现在太忙，这一步没有执行，对局没有任何变化。请稍等片刻（见 retryAfterMs）再用同一个 moveId 发一次。',
    INTERNAL: '服务器出了点问题，本次操作没有生效，请重试。',
  },
  en: {
    BAD_PAYLOAD: 'The data sent with this message is malformed: {detail}.',
    PAYLOAD_TOO_LARGE: 'This message is too large for the server to accept.',
    UNKNOWN_EVENT: 'The server does not understand this kind of message. Reload the page and try again.',
    RATE_LIMITED: 'Too many messages in a short time: slow down and try again in a moment.',
    NOT_IN_GAME: 'You are not in a game yet. Create or join one first.',
    NOT_YOUR_TURN: 'It is not your move yet: wait for a segment to arrive or a timer to fire.',
    OFF_PLAN: 'Your application does not do that in this scenario: follow what it wants (see your goal).',
    VIEW_STALE:
      'What you saw is out of date: a segment arrived or a timer fired just as you moved. Look at the new picture and move again; this is not a mistake.',
    GAME_NOT_PLAYING: 'The game is not running: it has not started yet, or it is already over.',
    GAME_PAUSED:
      'The teacher has paused the game: the clocks stand still and no move counts until it resumes.',
    GAME_NOT_FOUND: 'This game could not be found; it may have ended and been removed.',
    CODE_NOT_FOUND: 'No game has this code. Check it and try again.',
    GAME_FULL: 'This game is already full.',
    ALREADY_IN_GAME: 'You are already in a game. Leave it before joining another.',
    ALREADY_WAITING: 'You are already waiting for an opponent.',
    HINTS_OFF: 'Hints are only available in practice mode.',
    NICKNAME_INVALID: 'A nickname must be 1 to 20 characters long, with no control characters.',
    SESSION_INVALID: 'Your session has expired or is invalid. Reload the page to start a new one.',
    CLASS_NOT_FOUND: 'No class has this join code. Check the code on the board and try again.',
    CLASS_LOCKED: 'The teacher has locked this class: nobody can join right now. Tell your teacher.',
    NICKNAME_TAKEN: 'Someone in this class already uses that nickname. Pick another one.',
    KICKED: 'The teacher removed you from this class; this session cannot join it again.',
    NOT_HOST: 'Only the teacher hosting this class can do that.',
    NOT_IN_CLASS: 'You have not joined a class.',
    ALREADY_IN_CLASS: 'You are already in a class: leave it first, or wait for the next round.',
    HOST_TOKEN_INVALID: 'This host token does not match: the class cannot be taken over with it.',
    TOO_MANY_ATTEMPTS: 'Too many wrong join codes from your network. Wait a minute and try again.',
    ROUND_RUNNING: 'A round is running: end it before changing pairs or starting another.',
    NO_ROUND: 'No round is running.',
    NOT_ENOUGH_STUDENTS: 'At least one student must have joined before a round can start.',
    PAIRS_INVALID: 'These pairs are not valid: every student must appear exactly once.',
    PAIR_NOT_FOUND: 'There is no such pair in this round.',
    SEGMENT_NOT_FOUND: 'That segment is no longer on the wire (it arrived or was lost).',
    STUDENT_NOT_FOUND: 'There is no such student in this class (they may have left).',
    SETTINGS_INVALID: 'These timings do not work together: {detail}.',
    STORE_UNAVAILABLE:
      'The server cannot reach the database that holds the games right now; nothing was changed. Wait a few seconds and try again: your game will go on.',
    OUTCOME_UNKNOWN:
      'The database did not answer in time: this may or may not have taken effect. Send the same request again (a move with the same moveId): the answer tells you what happened, and a move is never applied twice.',
    BUSY: 'The server is too busy right now: this move was not made and nothing changed. Send it again (same moveId) after a short wait (retryAfterMs).',
    INTERNAL: 'Something went wrong on the server; nothing was changed. Please try again.',
  },
};

/** Why a send of more octets than the application has is refused ({left}, {given}). */
export const TOO_MANY_BYTES_TEXTS: Record<Lang, string> = {
  'zh-CN': '你的应用程序只剩 {left} 字节要发送，不能发 {given} 字节：TCP 只发送应用程序交给它的数据。',
  en: 'Your application has only {left} bytes left to send, not {given}: TCP sends only the data the application hands it.',
};

/** The placeholder with the separator or brackets around it, removed together when there is no detail. */
const DETAIL_WITH_SEPARATOR = /\s*[:：,，;；]?\s*[(（]?\{detail\}[)）]?/g;
const DETAIL = /\{detail\}/g;

/**
 * The message of a game-server error in a language, with {detail} filled in, or removed together
 * with its separator when there is no detail (so "malformed: {detail}." becomes "malformed.").
 */
export function formatProtocolError(lang: Lang, code: ProtocolErrorCode, detail?: string): string {
  const template = PROTOCOL_TEXTS[lang][code];
  // the template supplies the final full stop: drop one the detail brings along
  const d = (detail ?? '').trim().replace(/[.。]+$/, '');
  if (d === '') return template.replace(DETAIL_WITH_SEPARATOR, '');
  // a function, so that "$&" and the like in the detail are taken literally
  return template.replace(DETAIL, () => d);
}
