/**
 * Which Phaser renderer to use. WebGL where the browser has a real GPU; Canvas where WebGL is
 * missing or emulated on the CPU (SwiftShader, llvmpipe: old classroom PCs with blocked drivers,
 * headless browsers), because for a board of boxes, lines and text Canvas 2D then costs a fraction
 * of the processor time.
 */
import Phaser from 'phaser';

const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render/i;

export function pickRenderer(): number {
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    if (!gl) return Phaser.CANVAS;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return SOFTWARE.test(name) ? Phaser.CANVAS : Phaser.WEBGL;
  } catch {
    return Phaser.CANVAS;
  }
}
