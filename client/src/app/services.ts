/** What every scene is given: the network wrapper, the language, the flow between screens, the DOM shell. */
import type { LangStore } from '../i18n/lang';
import type { GameClient } from '../net/game-client';
import type { Shell } from '../ui/shell';
import type { ServerClock } from './clock';
import type { Flow } from './flow';
import type { NumberModeStore } from './number-mode';

export interface Services {
  net: GameClient;
  lang: LangStore;
  clock: ServerClock;
  shell: Shell;
  flow: Flow;
  /** Relative (x, y) or absolute sequence numbers, remembered. */
  numbers: NumberModeStore;
}

/** The Phaser screens, and 'host': the teacher's page (DOM only, no canvas). */
export type ScreenKey = 'home' | 'waiting' | 'game' | 'summary' | 'class' | 'host' | 'replay';
