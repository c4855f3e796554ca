/**
 * The players' side of the client: the Phaser game and its screens (home, waiting, game, summary
 * and the class screen), the flow between them, and the server's events that move it.
 */
import Phaser from 'phaser';
import type { Route } from '../class/class-route';
import type { LangStore } from '../i18n/lang';
import type { GameClient } from '../net/game-client';
import { ClassScene } from '../scenes/class-scene';
import { GameScene } from '../scenes/game-scene';
import { HomeScene } from '../scenes/home-scene';
import { SummaryScene } from '../scenes/summary-scene';
import { COLORS } from '../scenes/theme';
import { WaitingScene } from '../scenes/waiting-scene';
import type { Shell } from '../ui/shell';
import { ServerClock } from './clock';
import { Flow } from './flow';
import { NumberModeStore } from './number-mode';
import { pickRenderer } from './renderer';
import type { Services } from './services';
import { fitStage, pixelRatio } from './stage-fit';
import { browserStore } from './storage';
import { canvasTexts } from '../scenes/draw/canvas-text';

/** Boots the game in the page's stage and connects; `route` says where a link pointed (a class's join link). */
export function startGame(deps: { net: GameClient; lang: LangStore; shell: Shell }, route: Route): void {
  const { net, lang, shell } = deps;
  const clock = new ServerClock();
  // the scenes read the flow only once the game has booted, by which time it is set below
  const numbers = new NumberModeStore(browserStore());
  const services = { net, lang, clock, shell, numbers } as Services;
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
      new ClassScene(services),
    ],
  });
  const flow = new Flow(game, clock);
  // the end-to-end tests set this flag before the page loads, to read the size of every drawn text
  const w = window as Window & { __HANDSHAKE_E2E__?: boolean; handshakeCanvasTexts?: () => unknown };
  if (w.__HANDSHAKE_E2E__) w.handshakeCanvasTexts = () => canvasTexts(game);
  // the stage changes size with the window and with each screen's layout
  new ResizeObserver(() => fitStage(game, shell.stage)).observe(shell.stage);
  services.flow = flow;

  if (route.kind === 'join')
    game.events.once(Phaser.Core.Events.READY, () => {
      // a session answered first may already have shown the student's class
      if (!flow.classView) flow.showClass({ mode: 'join', code: route.code });
    });

  lang.onChange(() => flow.relabel());
  net.on('session', (info) => {
    void net.classState().then((a) => {
      const student = a.ok ? a.data.student : null;
      const hadClass = flow.classView !== null;
      flow.setClass(student);
      if (info.game && info.game.phase !== 'finished') flow.accept(info.game);
      else if (student) {
        if (flow.currentScreen !== 'summary' && flow.currentScreen !== 'class')
          flow.showClass({ mode: 'lobby' });
      } else if (flow.currentScreen === 'game' || flow.currentScreen === 'waiting' || hadClass)
        flow.showHome({ notice: lang.t('sessionLost') });
    });
  });
  net.on('game', (g) => flow.accept(g));
  net.on('classStudent', (v) => {
    flow.setClass(v);
    // joined in another tab, or the round ended while on the home screen: the lobby shows it
    if (flow.currentScreen === 'home') flow.showClass({ mode: 'lobby' });
  });
  net.on('classRemoved', (p) => {
    flow.setClass(null);
    flow.showClass({ mode: 'removed', reason: p.reason });
  });
  net.connect();
}
