/**
 * Starts the client: language, the network wrapper and the DOM shell, then the page the path asks
 * for: the teacher's console on /host (DOM only, its own chunk), the capture replay on /replay (DOM
 * and a worker, its own chunk, no connection to the server), else the Phaser game (its own chunk).
 */
import { browserStore } from './app/storage';
import { parseRoute } from './class/class-route';
import { initialLang, LangStore } from './i18n/lang';
import { GameClient } from './net/game-client';
import { Shell } from './ui/shell';
import './styles.css';

const route = parseRoute(window.location.pathname);
const store = browserStore();
const lang = new LangStore(initialLang(store, navigator.languages ?? [navigator.language]), store);
const net = new GameClient({ lang: lang.lang, store });
const shell = new Shell(lang, () => lang.set(lang.lang === 'en' ? 'zh-CN' : 'en'));

lang.onChange((l) => {
  shell.relabel();
  void net.setLang(l);
});
net.on('connection', (c) => shell.setConnection(c));

// each page connects once its listeners are in place, so no session:ready is missed
if (route.kind === 'host')
  void import('./class/host-app').then((m) => m.startHost({ net, lang, shell, store }));
else if (route.kind === 'replay') {
  shell.offline();
  void import('./replay/replay-app').then((m) => m.startReplay({ lang, shell, store }));
} else void import('./app/game-app').then((m) => m.startGame({ net, lang, shell }, route));
