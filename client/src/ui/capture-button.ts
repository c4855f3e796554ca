/**
 * The "download for Wireshark" button: asks the server for a game as a pcapng file (game:capture)
 * and saves it under the name the server gives (handshake-arena-<scenario>-<date>.pcapng).
 */
import type { ErrorPayload } from '../../../shared/protocol/events';
import type { LangStore } from '../i18n/lang';
import type { GameClient } from '../net/game-client';
import { el } from './dom';
import { base64Bytes, downloadFile } from './file-download';

export interface CaptureButtonOptions {
  net: GameClient;
  lang: LangStore;
  /** Shows a refusal (the game is gone, the network failed). */
  fail: (e: ErrorPayload) => void;
  /** Shows that the file was saved. */
  notice: (text: string) => void;
  /** For a class's host: the pair whose game to save (undefined: the player's own game). */
  pairId?: () => string | undefined;
}

/** A button that downloads the game as a pcapng file; disabled while the server answers. */
export function captureButton(o: CaptureButtonOptions): HTMLButtonElement {
  const t = o.lang.t.bind(o.lang);
  const b = el(
    'button',
    {
      class: 'capture-download',
      attrs: { type: 'button', title: t('captureHelp'), 'data-testid': 'capture-download' },
    },
    t('captureButton'),
  );
  b.addEventListener('click', () => {
    b.disabled = true;
    void o.net.capture(o.pairId?.()).then((a) => {
      b.disabled = false;
      if (!a.ok) return o.fail(a.error);
      downloadFile(
        a.data.filename,
        new Blob([base64Bytes(a.data.pcapng)], { type: 'application/vnd.tcpdump.pcap' }),
      );
      o.notice(t('captureSaved', { file: a.data.filename }));
    });
  });
  return b;
}
