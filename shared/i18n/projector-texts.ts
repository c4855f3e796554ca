/**
 * The projector's texts (a pair's ladder on the big screen, freeze and ask, replay), both
 * languages. Neutral wording for a whole class: who (the client, the server) and what, never "you".
 */
import { fill, type Lang, type TextParams } from './index';

const EN = {
  title: 'Projector: {client} (client) and {server} (server)',
  client: 'Client',
  server: 'Server',
  theClient: 'the client',
  theServer: 'the server',
  freeze: 'Freeze and ask',
  unfreeze: 'Unfreeze',
  frozen: 'Frozen: this pair waits',
  reveal: 'Reveal the answer',
  ask: 'What should {side} send now?',
  askCall: 'What should {side} do now?',
  nothingToAsk: 'Nobody owes a segment now: both sides wait for the network.',
  answer: 'Answer: {side} sends {seg}',
  answerCall: 'Answer: the application of {side} calls {call}',
  retransmit: '{side} must send its unacknowledged segment again, unchanged: its timer ran out.',
  planStep: 'The application of {side} asks for this next (the scenario’s plan).',
  replay: 'Replay',
  prev: '◀ Step back',
  next: 'Step ▶',
  all: 'Whole game',
  step: 'Step {n} of {total}',
  start: 'Start: both sides CLOSED',
  close: 'Close',
  lost: 'lost',
  duplicate: 'copy',
  old: 'old',
  retransmission: 'retransmitted',
  finished: 'The game is over',
  bigScreen: 'Big screen',
  open: 'Projector',
  screenTitle: 'Class {code}: every pair',
  misconceptions: 'Common mistakes this round',
  noMistakes: 'No mistakes yet.',
} as const;

export type ProjectorKey = keyof typeof EN;

const ZH: Record<ProjectorKey, string> = {
  title: '投影：{client}（客户端）和 {server}（服务器）',
  client: '客户端',
  server: '服务器',
  theClient: '客户端',
  theServer: '服务器',
  freeze: '冻结并提问',
  unfreeze: '解除冻结',
  frozen: '已冻结：这一组在等待',
  reveal: '揭晓答案',
  ask: '{side}现在应该发送什么？',
  askCall: '{side}现在应该做什么？',
  nothingToAsk: '现在没有哪一方需要发送报文段：双方都在等网络。',
  answer: '答案：{side}发送 {seg}',
  answerCall: '答案：{side}的应用程序调用 {call}',
  retransmit: '{side}的重传计时器到期了：必须原样再发送那个未被确认的报文段。',
  planStep: '{side}的应用程序接下来要做这一步（场景的计划）。',
  replay: '回放',
  prev: '◀ 上一步',
  next: '下一步 ▶',
  all: '整局',
  step: '第 {n} 步，共 {total} 步',
  start: '开始：双方都是 CLOSED',
  close: '关闭',
  lost: '丢失',
  duplicate: '副本',
  old: '旧报文',
  retransmission: '重传',
  finished: '这一局已结束',
  bigScreen: '大屏幕',
  open: '投影模式',
  screenTitle: '班级 {code}：所有小组',
  misconceptions: '本轮常见错误',
  noMistakes: '还没有错误。',
};

const TEXTS: Record<Lang, Record<ProjectorKey, string>> = { en: EN, 'zh-CN': ZH };

/** A projector text in `lang`, its {placeholders} filled. */
export function projectorText(lang: Lang, key: ProjectorKey, params: TextParams = {}): string {
  return fill(TEXTS[lang][key], params);
}
