/** What every part of the teacher's console is given: the network, the language, the server's clock, a way to report. */
import type { Ack, ErrorPayload } from '../../../shared/protocol/events';
import type { TextParams } from '../../../shared/i18n';
import type { LangStore } from '../i18n/lang';
import type { UiKey } from '../i18n/ui-texts';
import type { GameClient } from '../net/game-client';
import type { OffsetClock } from './class-time';

export interface HostContext {
  net: GameClient;
  lang: LangStore;
  clock: OffsetClock;
  t: (key: UiKey, params?: TextParams) => string;
  /** Shows an error answer in the console's message line. */
  fail: (e: ErrorPayload) => void;
  /** Shows a notice in the console's message line. */
  notice: (text: string) => void;
  /** Runs a host action; on success its answer's class view is shown at once. */
  act: <T>(p: Promise<Ack<T>>) => Promise<T | null>;
}
