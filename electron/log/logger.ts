import fs from 'node:fs';
import path from 'node:path';

/**
 * Internal diagnostics. Callers pass messages and error details, never record contents:
 * patient data does not belong in a log file.
 */
export interface Logger {
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

type Level = 'info' | 'warn' | 'error';

function line(level: Level, message: string, detail?: Record<string, unknown>): string {
  return `${JSON.stringify({ time: new Date().toISOString(), level, message, ...detail })}\n`;
}

/**
 * An error's message can quote the value that caused it (a library echoing its input), and that value may be a
 * patient's name: quoted text, dates and long numbers are blanked before anything reaches the log.
 */
export function scrubMessage(message: string): string {
  return message
    .replace(/(["'`‘“])(?:(?!\1).){1,500}?\1/gu, '$1…$1')
    .replace(/\d{4}-\d{2}-\d{2}/g, '(date)')
    .replace(/\d{4,}/g, '#')
    .slice(0, 500);
}

/** The stack's frames (file and line), without its first line, which repeats the message. */
function framesOf(stack: string | undefined): string | undefined {
  return stack
    ?.split('\n')
    .filter((frame) => /^\s+at /.test(frame))
    .join('\n');
}

export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    // A code (ENOSPC, SQLITE_CORRUPT) names the failure without quoting anything: the one field kept as it is.
    const code = 'code' in error && typeof error.code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(error.code) ? { code: error.code } : {};
    return { error: error.name, ...code, reason: scrubMessage(error.message), stack: framesOf(error.stack) };
  }
  return { error: typeof error };
}

/** Appends JSON lines to a file; falls back to stderr when the file cannot be written. */
export function createFileLogger(file: string): Logger {
  let usable = true;
  try {
    // It may create the data folder itself on a first start: owner-only, like the rest of it.
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  } catch {
    usable = false;
  }
  const write = (level: Level, message: string, detail?: Record<string, unknown>): void => {
    const text = line(level, message, detail);
    if (usable) {
      try {
        fs.appendFileSync(file, text, { mode: 0o600 });
        return;
      } catch {
        usable = false;
      }
    }
    process.stderr.write(text);
  };
  return {
    info: (message, detail) => write('info', message, detail),
    warn: (message, detail) => write('warn', message, detail),
    error: (message, detail) => write('error', message, detail),
  };
}

export interface MemoryLogger extends Logger {
  readonly entries: { level: Level; message: string; detail?: Record<string, unknown> }[];
}

export function createMemoryLogger(): MemoryLogger {
  const entries: MemoryLogger['entries'] = [];
  const push = (level: Level) => (message: string, detail?: Record<string, unknown>) => {
    entries.push(detail ? { level, message, detail } : { level, message });
  };
  return { entries, info: push('info'), warn: push('warn'), error: push('error') };
}
