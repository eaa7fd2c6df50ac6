/** What a command-line tool prints and how it exits, produced by pure code and written out by a thin Node script. */
export interface CliOutcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: 0 | 1 | 2;
}

/** Reads a whole text file; throws (as Node's fs does) when the file cannot be read. */
export type ReadTextFile = (path: string) => string;

export type ReadJsonResult = { readonly ok: true; readonly data: unknown } | { readonly ok: false; readonly message: string };

/** Reads and parses a JSON file (a leading byte-order mark is allowed); a failure is one sentence naming the file. */
export function readJsonFile(file: string, readFile: ReadTextFile): ReadJsonResult {
  let text: string;
  try {
    text = readFile(file);
  } catch (error) {
    return { ok: false, message: `Cannot read "${file}": ${describeReadError(error)}.` };
  }
  try {
    return { ok: true, data: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch (error) {
    return { ok: false, message: `"${file}" is not valid JSON (${oneLine(error)}).` };
  }
}

/** Exit code 2 with one line on stderr and nothing on stdout: wrong options, or a file that cannot be used at all. */
export function usageError(message: string): CliOutcome {
  return { stdout: '', stderr: `${message}\n`, exitCode: 2 };
}

const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'the file does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
};

function describeReadError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  return READ_ERRORS[code] ?? oneLine(error);
}

/** Error text squeezed onto one line, since stderr carries exactly one line. */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim();
}

/** Indented JSON with a final newline, as the CLIs print on stdout. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
