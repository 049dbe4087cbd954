/**
 * The Kaplan-Meier figure's legend, drawn under the x axis rather than over the curves (with a dozen
 * groups it would hide them): one entry per line, in two columns when there are many.
 */
import { s } from './dom.build.js';

/** @typedef {{kind: 'curve' | 'band' | 'dash' | 'text', colour: string, dash?: string | null, text: string}} LegendLine */

const ROW = 18;

/**
 * @param {LegendLine[]} lines
 * @param {{x: number, y: number, width: number, font: Record<string, unknown>}} box
 * @returns {{element: SVGElement, height: number}}
 */
export function drawLegend(lines, { x, y, width, font }) {
  // two columns when there are many entries and the longest still fits in half the width
  const longest = 32 + 6.6 * Math.max(...lines.map((line) => line.text.length));
  const columns = lines.length > 4 && longest < width / 2 ? 2 : 1;
  const rows = Math.ceil(lines.length / columns);
  const columnWidth = width / columns;
  const entries = lines.map((line, k) => {
    const lx = x + columnWidth * Math.floor(k / rows);
    const ly = y + ROW * (k % rows) + ROW / 2;
    const mark =
      line.kind === 'band'
        ? s('rect', { x: lx, y: ly - 5, width: 24, height: 10, fill: line.colour, 'fill-opacity': 0.15 })
        : line.kind === 'text'
          ? null
          : s('line', { x1: lx, x2: lx + 24, y1: ly, y2: ly, stroke: line.colour, 'stroke-width': line.kind === 'dash' ? 1.5 : 2, 'stroke-dasharray': line.dash ?? null });
    return [mark, s('text', { ...font, x: lx + (line.kind === 'text' ? 0 : 32), y: ly + 4 }, line.text)];
  });
  return { element: s('g', { class: 'km-legend' }, entries), height: rows * ROW };
}
