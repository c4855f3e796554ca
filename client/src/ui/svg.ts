/** Plain SVG drawing for the DOM screens (the projector's and the big screen's ladders): lines only, text stays HTML. */
const SVG_NS = 'http://www.w3.org/2000/svg';

/** An <svg> stretched to its box (its strokes keep their width), with a viewBox and a class. */
export function svgRoot(viewBox: string, cls: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', cls);
  svg.setAttribute('viewBox', viewBox);
  svg.setAttribute('preserveAspectRatio', 'none');
  return svg;
}

/** Appends a line from (x1, y1) to (x2, y2) with a class; its stroke does not scale with the box. */
export function svgLine(
  svg: SVGSVGElement,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  cls: string,
): SVGLineElement {
  const l = document.createElementNS(SVG_NS, 'line');
  l.setAttribute('x1', String(x1));
  l.setAttribute('y1', String(y1));
  l.setAttribute('x2', String(x2));
  l.setAttribute('y2', String(y2));
  l.setAttribute('class', cls);
  l.setAttribute('vector-effect', 'non-scaling-stroke');
  svg.append(l);
  return l;
}
