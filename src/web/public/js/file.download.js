/** Saves a Blob under a file name through a temporary link (no server round trip). */

/** @param {Blob} blob @param {string} fileName */
export function download(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // the browser has taken the file once the click's task has run
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** RFC 4180 quoting, and a leading quote for cells a spreadsheet would run as a formula. @param {unknown} value */
function csvCell(value) {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@]/.test(text) && Number.isNaN(Number(text))) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** @param {string[]} header @param {unknown[][]} rows */
export const csvText = (header, rows) => [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
