import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { hashRaw, hashRawSync, type Options } from '@node-rs/argon2';
import { z } from 'zod';

/**
 * The keyring sits beside the database and holds no secret in the clear: one random 256-bit data key
 * encrypts the database, and the keyring keeps copies of it wrapped (AES-256-GCM) under each user's
 * password (through Argon2id) and under the recovery key. Adding a user or changing a password rewrites
 * the keyring, never the database.
 */
export const KEYRING_FILE_NAME = 'stepwise.keys.json';
export const DATA_KEY_BYTES = 32;

const ARGON2ID = 2 as Options['algorithm'];

/** How much work Argon2id does to turn a password into a key-encryption key. */
export interface PasswordKdfCost {
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

/**
 * 64 MiB and 3 passes: a copied keyring must be attacked offline, so each guess should cost real memory and time
 * (about a tenth of a second per sign-in on a modest laptop). Stored with each entry; an entry made with less is
 * re-wrapped at its next sign-in.
 */
export const PASSWORD_KDF: PasswordKdfCost = { memoryCost: 65_536, timeCost: 3, parallelism: 1 };

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const GCM_IV_BYTES = 12;
const GCM_TAG_BYTES = 16;

/** Base64 that decodes to `min` to `max` bytes: a short salt or a truncated tag is a damaged keyring, not a crash. */
function base64Bytes(min: number, max = min): z.ZodType<string> {
  return base64.refine(
    (text) => {
      const length = Buffer.from(text, 'base64').length;
      return length >= min && length <= max;
    },
    `must hold ${min === max ? min : `${min} to ${max}`} bytes`,
  );
}

const wrappedKeySchema = z.object({ iv: base64Bytes(GCM_IV_BYTES), ciphertext: base64Bytes(DATA_KEY_BYTES), tag: base64Bytes(GCM_TAG_BYTES) });
export type WrappedKey = z.infer<typeof wrappedKeySchema>;

const passwordKdfSchema = z.object({
  algorithm: z.literal('argon2id'),
  // Argon2 needs at least 8 bytes of salt; Stepwise writes 16.
  salt: base64Bytes(8, 64),
  // Bounded so a tampered keyring cannot make one sign-in take many seconds or exhaust memory.
  memoryCost: z.number().int().min(8_192).max(262_144),
  timeCost: z.number().int().min(1).max(10),
  parallelism: z.number().int().min(1).max(4),
});
export type PasswordKdf = z.infer<typeof passwordKdfSchema>;

const userKeySchema = z.object({
  userId: z.string().min(1),
  username: z.string().min(1),
  kdf: passwordKdfSchema,
  wrapped: wrappedKeySchema,
  /** Sign-in throttling lives here because the database cannot be read before the key is unwrapped. */
  failedSignIns: z.number().int().min(0),
  lockedUntil: z.string().nullable(),
});
export type UserKeyEntry = z.infer<typeof userKeySchema>;

/** Failed sign-ins happen while the database is locked; they wait here until the next sign-in writes them to the audit log. */
const pendingAuditSchema = z.object({
  at: z.string(),
  username: z.string().max(64).nullable(),
  action: z.string().max(40),
  reason: z.string().max(40),
});
export type PendingAuditEvent = z.infer<typeof pendingAuditSchema>;

const keyringSchema = z.object({
  format: z.literal('stepwise-keyring'),
  version: z.literal(1),
  databaseId: z.string().min(1),
  users: z.array(userKeySchema),
  /**
   * The audit log's length and last hash, kept outside the database so that deleting rows at the end of the
   * log (which leaves a valid chain) is still detected.
   */
  audit: z.object({ count: z.number().int().min(0), head: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
  pendingAudit: z.array(pendingAuditSchema).max(1000).optional(),
  recovery: z.object({ kdf: z.object({ algorithm: z.literal('hkdf-sha256'), salt: base64 }), wrapped: wrappedKeySchema }),
});
export type Keyring = z.infer<typeof keyringSchema>;

export class KeyringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyringError';
  }
}

function seal(dataKey: Buffer, kek: Buffer, context: string): WrappedKey {
  const iv = randomBytes(GCM_IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', kek, iv, { authTagLength: GCM_TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return { iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** The data key, or null when the key-encryption key is wrong (GCM authentication fails). */
function open(wrapped: WrappedKey, kek: Buffer, context: string): Buffer | null {
  try {
    // A fixed tag length: Node would otherwise accept a truncated tag, which is easier to forge.
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrapped.iv, 'base64'), { authTagLength: GCM_TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    const parts = [decipher.update(Buffer.from(wrapped.ciphertext, 'base64')), decipher.final()];
    const key = Buffer.concat(parts);
    for (const part of parts) part.fill(0);
    if (key.length === DATA_KEY_BYTES) return key;
    key.fill(0);
    return null;
  } catch {
    return null;
  } finally {
    kek.fill(0);
  }
}

function kdfOptions(kdf: PasswordKdf): Options {
  return {
    algorithm: ARGON2ID,
    salt: Buffer.from(kdf.salt, 'base64'),
    memoryCost: kdf.memoryCost,
    timeCost: kdf.timeCost,
    parallelism: kdf.parallelism,
    outputLen: DATA_KEY_BYTES,
  };
}

async function passwordKek(password: string, kdf: PasswordKdf): Promise<Buffer> {
  return hashRaw(password, kdfOptions(kdf));
}

/** The recovery key has 160 random bits, so a fast derivation is as strong as a slow one. */
function recoveryKek(recoveryKey: string, salt: string): Buffer {
  return Buffer.from(hkdfSync('sha256', normalizeRecoveryKey(recoveryKey), Buffer.from(salt, 'base64'), 'stepwise recovery key', DATA_KEY_BYTES));
}

const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 32 characters from an alphabet without look-alikes (no I, O, 0, 1), in groups of four for writing down. */
export function generateRecoveryKey(): string {
  const bytes = randomBytes(32);
  const characters = [...bytes].map((byte) => RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length]).join('');
  return (characters.match(/.{4}/g) ?? []).join('-');
}

export function normalizeRecoveryKey(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

function userContext(keyring: Pick<Keyring, 'databaseId'>, userId: string): string {
  return `stepwise:${keyring.databaseId}:user:${userId}`;
}

function recoveryContext(keyring: Pick<Keyring, 'databaseId'>): string {
  return `stepwise:${keyring.databaseId}:recovery`;
}

export async function wrapForUser(
  keyring: Pick<Keyring, 'databaseId'>,
  dataKey: Buffer,
  user: { userId: string; username: string },
  password: string,
  cost: PasswordKdfCost = PASSWORD_KDF,
): Promise<UserKeyEntry> {
  const { memoryCost, timeCost, parallelism } = cost;
  const kdf: PasswordKdf = { algorithm: 'argon2id', salt: randomBytes(16).toString('base64'), memoryCost, timeCost, parallelism };
  const wrapped = seal(dataKey, await passwordKek(password, kdf), userContext(keyring, user.userId));
  return { userId: user.userId, username: user.username, kdf, wrapped, failedSignIns: 0, lockedUntil: null };
}

export async function unwrapForUser(keyring: Keyring, entry: UserKeyEntry, password: string): Promise<Buffer | null> {
  return open(entry.wrapped, await passwordKek(password, entry.kdf), userContext(keyring, entry.userId));
}

/** True when an entry was wrapped with less work than `cost` asks for, so its next sign-in re-wraps it. */
export function costsLessThan(kdf: PasswordKdf, cost: PasswordKdfCost): boolean {
  return kdf.memoryCost < cost.memoryCost || kdf.timeCost < cost.timeCost;
}

/** The work of one unwrap, spent for a name with no entry, so an unknown username answers no faster. */
export async function spendUnwrapTime(password: string, cost: PasswordKdfCost): Promise<void> {
  const kdf: PasswordKdf = { algorithm: 'argon2id', salt: randomBytes(16).toString('base64'), ...cost };
  (await passwordKek(password, kdf)).fill(0);
}

/** For command-line tools that cannot await: the same unwrap, blocking. */
export function unwrapForUserSync(keyring: Keyring, entry: UserKeyEntry, password: string): Buffer | null {
  return open(entry.wrapped, hashRawSync(password, kdfOptions(entry.kdf)), userContext(keyring, entry.userId));
}

/** A new keyring for a new database: its data key, the first user's entry and the recovery key. */
export async function createKeyring(
  user: { userId: string; username: string },
  password: string,
  cost: PasswordKdfCost = PASSWORD_KDF,
): Promise<{ keyring: Keyring; dataKey: Buffer; recoveryKey: string }> {
  const dataKey = randomBytes(DATA_KEY_BYTES);
  const databaseId = randomUUID();
  const recoveryKey = generateRecoveryKey();
  const salt = randomBytes(16).toString('base64');
  const base = { databaseId };
  const keyring: Keyring = {
    format: 'stepwise-keyring',
    version: 1,
    databaseId,
    users: [await wrapForUser(base, dataKey, user, password, cost)],
    recovery: { kdf: { algorithm: 'hkdf-sha256', salt }, wrapped: seal(dataKey, recoveryKek(recoveryKey, salt), recoveryContext(base)) },
  };
  return { keyring, dataKey, recoveryKey };
}

export function unwrapWithRecoveryKey(keyring: Keyring, recoveryKey: string): Buffer | null {
  return open(keyring.recovery.wrapped, recoveryKek(recoveryKey, keyring.recovery.kdf.salt), recoveryContext(keyring));
}

export function findEntry(keyring: Keyring, username: string): UserKeyEntry | undefined {
  return keyring.users.find((entry) => entry.username.toLowerCase() === username.toLowerCase());
}

export function withEntry(keyring: Keyring, entry: UserKeyEntry): Keyring {
  return { ...keyring, users: [...keyring.users.filter((existing) => existing.userId !== entry.userId), entry] };
}

export function withoutUser(keyring: Keyring, userId: string): Keyring {
  return { ...keyring, users: keyring.users.filter((entry) => entry.userId !== userId) };
}

export function keyringPath(dataDir: string): string {
  return path.join(dataDir, KEYRING_FILE_NAME);
}

/** The keyring, or null when there is none yet; a damaged keyring is an error, never silently replaced. */
export function readKeyring(file: string): Keyring | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return null;
    // Messages name the file, never its full path: they reach the sign-in screen before anyone is signed in.
    throw new KeyringError(`Stepwise cannot read its key file ${path.basename(file)} in the data folder. Check that it is a file you may read.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new KeyringError(
      `The key file ${path.basename(file)} is damaged (it is not valid JSON). Restore it from a backup; without it the database cannot be opened.`,
    );
  }
  const result = keyringSchema.safeParse(parsed);
  if (!result.success) throw new KeyringError(`The key file ${path.basename(file)} is damaged or from another program. Restore it from a backup.`);
  return result.data;
}

/** Written to a temporary file, flushed and renamed over the old one, so a crash leaves the old or the new keyring. */
export function writeKeyring(file: string, keyring: Keyring): void {
  const temporary = `${file}.tmp`;
  const handle = openSync(temporary, 'w', 0o600);
  try {
    // A temporary file left by a crash keeps its old mode when reopened: owner-only either way.
    fchmodSync(handle, 0o600);
    writeSync(handle, `${JSON.stringify(keyring, null, 2)}\n`);
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
  renameSync(temporary, file);
  syncDirectory(path.dirname(file));
}

export function syncDirectory(folder: string): void {
  try {
    const handle = openSync(folder, 'r');
    try {
      fsyncSync(handle);
    } finally {
      closeSync(handle);
    }
  } catch {
    // Some platforms (Windows) cannot open a folder for syncing; the rename is still atomic there.
  }
}
