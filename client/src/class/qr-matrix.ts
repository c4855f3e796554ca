/**
 * The QR matrix of a text and its dark modules as one SVG path. qrcode-generator (MIT, no
 * dependencies) makes the matrix; this file stays free of the DOM so tests can read it.
 */
import qrcode from 'qrcode-generator';

/** The quiet zone the standard asks for, in modules. */
export const QUIET = 4;

/** The QR matrix of `text` (true: dark), at error correction M (readable from a blurry projector). */
export function qrMatrix(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

/** An SVG path drawing the dark modules, one unit per module, offset by the quiet zone. */
export function qrPath(m: readonly (readonly boolean[])[]): string {
  const parts: string[] = [];
  m.forEach((row, r) => {
    // runs of dark modules on a row become one rectangle each: a much shorter path
    let c = 0;
    while (c < row.length) {
      if (!row[c]) {
        c += 1;
        continue;
      }
      const start = c;
      while (c < row.length && row[c]) c += 1;
      parts.push(`M${start + QUIET} ${r + QUIET}h${c - start}v1h${start - c}z`);
    }
  });
  return parts.join('');
}
