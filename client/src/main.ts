/** Starts the client: language, the network wrapper, the DOM shell, the Phaser game and its screens. */
import Phaser from 'phaser';
import { ServerClock } from './app/clock';
import { Flow } from './app/flow';
import { pickRenderer } from './app/renderer';
import { fitStage, pixelRatio } from './app/stage-fit';
import type { Services } from './app/services';
import { browserStore } from './app/storage';
import { initialLang, LangStore } from './i18n/lang';
import { GameClient } from './net/game-client';
import { GameScene } from './scenes/game-scene';
import { HomeScene } from './scenes/home-scene';
import { SummaryScene } from './scenes/summary-scene';
import { COLORS } from './scenes/theme';
import { WaitingScene } from './scenes/waiting-scene';
import { Shell } from './ui/shell';
import './styles.css';

const store = browserStore();
const lang = new LangStore(initialLang(store, navigator.languages ?? [navigator.language]), store);
const net = new GameClient({ lang: lang.lang, store });
const clock = new ServerClock();
const shell = new Shell(lang, () => lang.set(lang.lang === 'en' ? 'zh-CN' : 'en'));

// the scenes read the flow only once the game has booted, by which time it is set below
const services = { net, lang, clock, shell } as Services;
const game = new Phaser.Game({
  type: pickRenderer(),
  parent: 'stage',
  backgroundColor: COLORS.background,
  banner: false,
  disableContextMenu: true,
  // the board moves slowly: 30 frames a second spare the batteries of classroom phones
  fps: { target: 30, limit: 30 },
  // sized by fitStage (device pixels, shown at CSS size), not by Phaser's RESIZE mode
  scale: {
    mode: Phaser.Scale.NONE,
    width: Math.max(1, shell.stage.clientWidth * pixelRatio()),
    height: Math.max(1, shell.stage.clientHeight * pixelRatio()),
    zoom: 1 / pixelRatio(),
    expandParent: false,
  },
  scene: [
    new HomeScene(services),
    new WaitingScene(services),
    new GameScene(services),
    new SummaryScene(services),
  ],
});
const flow = new Flow(game, clock);
// the stage changes size with the window and with each screen's layout
new ResizeObserver(() => fitStage(game, shell.stage)).observe(shell.stage);
services.flow = flow;

lang.onChange((l) => {
  shell.relabel();
  void net.setLang(l);
  flow.relabel();
});
net.on('connection', (c) => shell.setConnection(c));
net.on('session', (info) => {
  // the server speaks the language chosen here
  if (info.lang !== lang.lang) void net.setLang(lang.lang);
  if (info.game && info.game.phase !== 'finished') flow.accept(info.game);
  else if (flow.currentScreen === 'game' || flow.currentScreen === 'waiting')
    flow.showHome({ notice: lang.t('sessionLost') });
});
net.on('game', (g) => flow.accept(g));
net.connect();
