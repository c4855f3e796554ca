/** The replay page (/replay): its own chunk, loaded only there; neither Phaser nor the network is used. */
import { NumberModeStore } from '../app/number-mode';
import type { KeyValueStore } from '../app/storage-keys';
import type { LangStore } from '../i18n/lang';
import type { Shell } from '../ui/shell';
import { ReplayPage } from './replay-page';

/** Shows the page; the number mode is the game's own (relative or absolute, remembered). */
export function startReplay(d: { lang: LangStore; shell: Shell; store: KeyValueStore }): void {
  new ReplayPage({ lang: d.lang, shell: d.shell, numberMode: new NumberModeStore(d.store) });
}
