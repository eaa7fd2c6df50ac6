/**
 * Reads CSV as RFC 4180 spells it (quoted fields, doubled quotes, CRLF between records), strictly: a bare line feed
 * outside quotes stays inside the field, so a file with the wrong line ends shows up in the values.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (quoted) {
      if (character !== '"') field += character;
      else if (text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else quoted = false;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index += 1;
    } else field += character;
  }
  if (quoted) throw new Error('The CSV ends inside a quoted field');
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** The records below the notice line and the header, as objects keyed by the header's column names. */
export function csvRecords(text: string, linesBeforeHeader = 1): Record<string, string>[] {
  const [header = [], ...rows] = parseCsv(text).slice(linesBeforeHeader);
  return rows.map((cells) => {
    if (cells.length !== header.length) throw new Error(`A row has ${cells.length} cells, the header ${header.length}`);
    return Object.fromEntries(header.map((column, index) => [column, cells[index] ?? '']));
  });
}
