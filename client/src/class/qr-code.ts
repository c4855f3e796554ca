/**
 * The join link as a QR code drawn in SVG: one path of dark modules on a white square with the
 * standard quiet zone, scaled by CSS to whatever size the projector needs (crisp at any size).
 */
import { QUIET, qrMatrix, qrPath } from './qr-matrix';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An <svg> of the QR code of `text`, labelled for screen readers; its data-modules counts the dark ones. */
export function qrSvg(text: string, label: string): SVGSVGElement {
  const m = qrMatrix(text);
  const size = m.length + QUIET * 2;
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.dataset['text'] = text;
  svg.dataset['size'] = String(m.length);
  svg.dataset['modules'] = String(m.flat().filter(Boolean).length);
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', String(size));
  bg.setAttribute('height', String(size));
  bg.setAttribute('fill', '#ffffff');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', qrPath(m));
  path.setAttribute('fill', '#000000');
  svg.append(bg, path);
  return svg;
}
