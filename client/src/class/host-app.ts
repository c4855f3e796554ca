/** The teacher's page (/host): its own chunk, loaded only there; the game's Phaser code is not. */
import { HostPage, type HostDeps } from './host-page';

/** Shows the console and connects (its listeners are in place first, so no session:ready is missed). */
export function startHost(deps: HostDeps): void {
  new HostPage(deps);
  deps.net.connect();
}
