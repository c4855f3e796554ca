/** A rectangle on the screen: its top left corner, width and height (CSS pixels). */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}
