/** A dataset's column dictionary as Markdown, for people and for a methods section. */
import { DECIMAL_PLACES } from './row.format';
import type { Projection } from './projection';

const escape = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function dictionaryMarkdown(projection: Projection): string {
  const lines = [
    `# ${projection.name}`,
    '',
    projection.description,
    '',
    `Grain: ${projection.grain}. Months are days / (365.25 / 12); decimals are printed with ${DECIMAL_PLACES} places; a blank cell is a missing value.`,
    '',
    '| column | type | unit | definition |',
    '| --- | --- | --- | --- |',
    ...projection.columns.map((c) => `| ${c.name} | ${c.type} | ${c.unit ?? ''} | ${escape(c.definition)} |`),
  ];
  return `${lines.join('\n')}\n`;
}
