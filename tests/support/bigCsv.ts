import fs from 'node:fs';

/** A cases CSV of `rows` synthetic people, written in one go; MRNs are unique, names repeat. */
export function writeBigCasesCsv(file: string, rows: number, prefix = 'BIG'): void {
  const lines = ['mrn,name,date_of_birth,program,payer'];
  for (let index = 0; index < rows; index += 1) {
    const year = 1940 + (index % 60);
    const month = String((index % 12) + 1).padStart(2, '0');
    const day = String((index % 28) + 1).padStart(2, '0');
    lines.push(`${prefix}-${index},"Person ${index % 997}, Test",${year}-${month}-${day},Program ${index % 7},Payer ${index % 5}`);
  }
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
}
