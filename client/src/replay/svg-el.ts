/** SVG elements for the /replay page's drawings, built like dom.ts builds HTML: text only as text nodes. */
const NS = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes (numbers written as they are) and children; strings become text. */
export function svgEl<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  ...children: (SVGElement | string)[]
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  e.append(...children);
  return e;
}
