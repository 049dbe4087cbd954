/**
 * A drawn SVG figure as a file: the SVG itself, or a PNG rendered through a canvas at twice the size
 * (the SVG goes in as a data: URL, the one image source the page's content security policy allows).
 */
import { download } from './file.download.js';

/** @param {SVGSVGElement} svg */
const svgText = (svg) => `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`;

/** @param {SVGSVGElement} svg @param {string} fileName */
export function downloadSvg(svg, fileName) {
  download(new Blob([svgText(svg)], { type: 'image/svg+xml' }), fileName);
}

/** @param {SVGSVGElement} svg @param {string} fileName @param {number} [scale] */
export async function downloadPng(svg, fileName, scale = 2) {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText(svg))}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Number(svg.getAttribute('width')) * scale;
  canvas.height = Number(svg.getAttribute('height')) * scale;
  const context = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  context.scale(scale, scale);
  context.drawImage(image, 0, 0);
  const blob = await new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be made'))), 'image/png'));
  download(blob, fileName);
}
