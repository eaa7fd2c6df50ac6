import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { hashRaw, type Options } from '@node-rs/argon2';
import { REDISCLOSURE_NOTICE } from '../../shared/domain/confidentiality';
import { PACKET_FORMAT_VERSION, packetContentSchema, type PacketContent } from '../../shared/packets/packetContent';
import { compareAppVersions } from '../backup/appVersion';
import { PASSWORD_KDF, type PasswordKdfCost } from '../security/keyring';

/**
 * A review packet file (docs/PACKETS.md): a short plaintext header, then the JSON content encrypted with AES-256-GCM
 * under a key that Argon2id derives from the clinic's shared passphrase and a salt fresh for each packet. The whole
 * header is the cipher's additional data, so no byte of the file can change without the packet being refused.
 *
 *   "STEPWISE-PACKET"  15 bytes         magic
 *   format version     uint16 BE        1
 *   app version        uint8 length, then that many bytes of UTF-8 (the Stepwise that wrote it)
 *   Argon2id cost      3 × uint32 BE    memory (KiB), passes, lanes
 *   salt               16 bytes
 *   nonce              12 bytes
 *   content length     uint32 BE        bytes of ciphertext that follow
 *   ciphertext         content length bytes
 *   tag                16 bytes
 */
export const PACKET_MAGIC = Buffer.from('STEPWISE-PACKET', 'ascii');
const SALT_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const MAX_APP_VERSION_BYTES = 64;
/** Far above any clinic's packet; refused before decrypting, so a forged length cannot make the reader buffer gigabytes. */
export const MAX_PACKET_CONTENT_BYTES = 64 * 1024 * 1024;

const ARGON2ID = 2 as Options['algorithm'];

/** The production cost, the keyring's: 64 MiB and 3 passes make each offline guess at the passphrase expensive. */
export const PACKET_KDF: PasswordKdfCost = PASSWORD_KDF;

/** The most work a packet may ask of the reader; checked before anything is derived. */
export interface PacketKdfCaps {
  readonly maxMemoryCost: number;
  readonly maxTimeCost: number;
  readonly maxParallelism: number;
}
/** The keyring's caps: a packet asking for more than 256 MiB, 10 passes or 4 lanes is refused. */
export const PACKET_KDF_CAPS: PacketKdfCaps = { maxMemoryCost: 262_144, maxTimeCost: 10, maxParallelism: 4 };
/** The least work a packet may have been sealed with (the keyring's floor; Argon2 itself needs 8 KiB per lane). */
const MIN_KDF: PasswordKdfCost = { memoryCost: 8_192, timeCost: 1, parallelism: 1 };

export interface PacketHeader {
  readonly formatVersion: number;
  readonly appVersion: string;
  readonly kdf: PasswordKdfCost;
  readonly salt: Buffer;
  readonly nonce: Buffer;
  readonly contentLength: number;
}

export const PACKET_REFUSAL_CODES = [
  'not-a-packet',
  'truncated',
  'damaged',
  'too-large',
  'newer-format',
  'newer-app',
  'kdf-out-of-bounds',
  'wrong-passphrase-or-tampered',
  'invalid-content',
] as const;
export type PacketRefusalCode = (typeof PACKET_REFUSAL_CODES)[number];

export interface PacketRefusal {
  readonly code: PacketRefusalCode;
  /** A sentence for the person importing; never a path, a passphrase or a patient's details. */
  readonly message: string;
  /** For invalid content: the dotted path of the first field that failed. */
  readonly field?: string;
}

export type OpenedPacket =
  | { readonly ok: true; readonly value: { readonly content: PacketContent; readonly header: PacketHeader } }
  | { readonly ok: false; readonly error: PacketRefusal };

/** A packet Stepwise refuses to write: a bug in the caller, never something a clinician can cause by typing. */
export class PacketSealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PacketSealError';
  }
}

/** Derives the 32-byte key; tests may wrap the real one (to reuse a derivation), never replace the cipher. */
export type PacketKeyDerivation = (passphrase: string, salt: Buffer, cost: PasswordKdfCost) => Promise<Buffer>;

export const deriveArgon2idKey: PacketKeyDerivation = (passphrase, salt, cost) =>
  hashRaw(passphrase, { algorithm: ARGON2ID, salt, ...cost, outputLen: KEY_BYTES });

/** The same passphrase typed on a Mac and on Windows can differ in Unicode form; NFC makes them one key. */
function normalizePassphrase(passphrase: string): string {
  return passphrase.normalize('NFC');
}

export interface SealOptions {
  readonly kdf?: PasswordKdfCost;
  readonly deriveKey?: PacketKeyDerivation;
}

/** Checks the content, then encrypts it into a packet file's bytes under a fresh salt and nonce. */
export async function sealPacket(content: PacketContent, passphrase: string, options: SealOptions = {}): Promise<Buffer> {
  const kdf = options.kdf ?? PACKET_KDF;
  const parsed = packetContentSchema.safeParse(content);
  if (!parsed.success) throw new PacketSealError(`The packet content is not valid at ${firstIssuePath(parsed.error.issues)}.`);
  if (parsed.data.notice !== REDISCLOSURE_NOTICE) throw new PacketSealError('A packet must carry the 42 CFR part 2 redisclosure notice.');
  if (compareAppVersions(parsed.data.appVersion, parsed.data.appVersion) === null) {
    throw new PacketSealError('The packet content must name the app version that makes it.');
  }
  if (normalizePassphrase(passphrase) === '') throw new PacketSealError('A packet needs a passphrase.');
  if (kdfProblem(kdf, PACKET_KDF_CAPS) !== null) throw new PacketSealError('The key-derivation cost is outside what Stepwise reads.');

  const plaintext = Buffer.from(JSON.stringify(parsed.data), 'utf8');
  if (plaintext.length > MAX_PACKET_CONTENT_BYTES) throw new PacketSealError('The packet content is larger than Stepwise opens.');
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  const header = encodeHeader({
    formatVersion: PACKET_FORMAT_VERSION,
    appVersion: parsed.data.appVersion,
    kdf,
    salt,
    nonce,
    contentLength: plaintext.length,
  });
  const key = await (options.deriveKey ?? deriveArgon2idKey)(normalizePassphrase(passphrase), salt, kdf);
  try {
    const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(header);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([header, ciphertext, cipher.getAuthTag()]);
  } finally {
    key.fill(0);
    plaintext.fill(0);
  }
}

export interface OpenOptions {
  /** The version of the Stepwise reading the packet: a packet from a newer one is refused. */
  readonly appVersion: string;
  readonly kdfCaps?: PacketKdfCaps;
  readonly deriveKey?: PacketKeyDerivation;
}

/**
 * The content of a packet, or why it is refused. Everything that can be checked without the passphrase is checked
 * first, and the key is derived only for a packet whose header asks for a bounded amount of work.
 */
export async function openPacket(bytes: Uint8Array, passphrase: string, options: OpenOptions): Promise<OpenedPacket> {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = readHeader(file);
  if (!read.ok) return read;
  const { header, headerBytes } = read;

  const order = compareAppVersions(header.appVersion, options.appVersion);
  if (order === null) return refuse('damaged', 'The packet is damaged: its header does not name a Stepwise version. Ask for it to be sent again.');
  if (order > 0) {
    return refuse(
      'newer-app',
      `The packet was made by Stepwise ${header.appVersion}, newer than this version (${options.appVersion}). Update Stepwise to open it.`,
    );
  }
  const problem = kdfProblem(header.kdf, options.kdfCaps ?? PACKET_KDF_CAPS);
  if (problem !== null) {
    return refuse(
      'kdf-out-of-bounds',
      `The packet asks for key-derivation work Stepwise does not allow (${problem}), so it was not opened. It is damaged or was not made by Stepwise.`,
    );
  }

  const normalized = normalizePassphrase(passphrase);
  if (normalized === '') return wrongPassphraseOrTampered();
  const ciphertext = file.subarray(headerBytes.length, headerBytes.length + header.contentLength);
  const tag = file.subarray(headerBytes.length + header.contentLength);
  const key = await (options.deriveKey ?? deriveArgon2idKey)(normalized, header.salt, header.kdf);
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, header.nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(headerBytes);
    decipher.setAuthTag(tag);
    plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return wrongPassphraseOrTampered();
  } finally {
    key.fill(0);
  }
  try {
    return parseContent(plaintext, header);
  } finally {
    plaintext.fill(0);
  }
}

function parseContent(plaintext: Buffer, header: PacketHeader): OpenedPacket {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext));
  } catch {
    return invalidContent('the contents are not readable JSON');
  }
  const parsed = packetContentSchema.safeParse(json);
  if (!parsed.success) return invalidContent(undefined, firstIssuePath(parsed.error.issues));
  if (parsed.data.appVersion !== header.appVersion || parsed.data.formatVersion !== header.formatVersion) {
    return invalidContent('its contents and its header name different versions');
  }
  return { ok: true, value: { content: parsed.data, header } };
}

function invalidContent(why: string | undefined, field?: string): OpenedPacket {
  const detail = why ?? `the field ${field ?? '(the whole packet)'} is not as a packet must have it`;
  const error: PacketRefusal = {
    code: 'invalid-content',
    message: `The packet opened with the passphrase, but ${detail}. It was made by a faulty or foreign program; nothing in it was used.`,
    ...(field === undefined ? {} : { field }),
  };
  return { ok: false, error };
}

function wrongPassphraseOrTampered(): OpenedPacket {
  // AES-GCM cannot tell a wrong key from changed bytes; the message says so instead of guessing.
  return refuse(
    'wrong-passphrase-or-tampered',
    'The passphrase is wrong, or the packet was changed after it was made. Check the passphrase with the sender; if it is right, ask for the packet to be sent again.',
  );
}

function refuse(code: PacketRefusalCode, message: string): { readonly ok: false; readonly error: PacketRefusal } {
  return { ok: false, error: { code, message } };
}

function firstIssuePath(issues: readonly { readonly path: readonly PropertyKey[] }[]): string {
  const path = issues[0]?.path ?? [];
  return path.length === 0 ? '(the whole packet)' : path.map(String).join('.');
}

/** Why a cost is refused ("memory 4194304 KiB, at most 262144"), or null when it is within the floor and the caps. */
function kdfProblem(kdf: PasswordKdfCost, caps: PacketKdfCaps): string | null {
  const checks: readonly [string, number, number, number][] = [
    ['memory', kdf.memoryCost, MIN_KDF.memoryCost, caps.maxMemoryCost],
    ['passes', kdf.timeCost, MIN_KDF.timeCost, caps.maxTimeCost],
    ['lanes', kdf.parallelism, MIN_KDF.parallelism, caps.maxParallelism],
  ];
  for (const [name, value, min, max] of checks) {
    const unit = name === 'memory' ? ' KiB' : '';
    if (!Number.isInteger(value) || value < min) return `${name} ${value}${unit}, at least ${min}`;
    if (value > max) return `${name} ${value}${unit}, at most ${max}`;
  }
  // Argon2 needs 8 KiB of memory per lane.
  if (kdf.memoryCost < 8 * kdf.parallelism) return `memory ${kdf.memoryCost} KiB for ${kdf.parallelism} lanes`;
  return null;
}

function encodeHeader(header: PacketHeader): Buffer {
  const version = Buffer.from(header.appVersion, 'utf8');
  if (version.length > MAX_APP_VERSION_BYTES) throw new PacketSealError('The app version is too long for a packet header.');
  const numbers = Buffer.alloc(2 + 1);
  numbers.writeUInt16BE(header.formatVersion, 0);
  numbers.writeUInt8(version.length, 2);
  const cost = Buffer.alloc(12);
  cost.writeUInt32BE(header.kdf.memoryCost, 0);
  cost.writeUInt32BE(header.kdf.timeCost, 4);
  cost.writeUInt32BE(header.kdf.parallelism, 8);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.contentLength, 0);
  return Buffer.concat([PACKET_MAGIC, numbers, version, cost, header.salt, header.nonce, length]);
}

type HeaderRead =
  { readonly ok: true; readonly header: PacketHeader; readonly headerBytes: Buffer } | { readonly ok: false; readonly error: PacketRefusal };

const TRUNCATED = 'The packet is incomplete: the file ends early, perhaps cut off while copying. Ask for it to be sent again.';

/** Reads the header in file order; running out of bytes anywhere is truncation, and a newer format stops the reading. */
function readHeader(file: Buffer): HeaderRead {
  const magic = file.subarray(0, PACKET_MAGIC.length);
  if (!PACKET_MAGIC.subarray(0, magic.length).equals(magic)) return refuse('not-a-packet', 'This file is not a Stepwise review packet.');
  if (magic.length < PACKET_MAGIC.length) return refuse('truncated', TRUNCATED);
  let offset = PACKET_MAGIC.length;
  const take = (count: number): Buffer | null => {
    if (offset + count > file.length) return null;
    const part = file.subarray(offset, offset + count);
    offset += count;
    return part;
  };

  const format = take(2);
  if (format === null) return refuse('truncated', TRUNCATED);
  const formatVersion = format.readUInt16BE(0);
  if (formatVersion === 0) return refuse('damaged', 'The packet is damaged: its header names no packet format. Ask for it to be sent again.');
  if (formatVersion > PACKET_FORMAT_VERSION) {
    return refuse(
      'newer-format',
      `The packet uses packet format ${formatVersion}; this version of Stepwise reads format ${PACKET_FORMAT_VERSION} and older. Update Stepwise to open it.`,
    );
  }
  const versionLength = take(1);
  const versionBytes = versionLength === null ? null : take(versionLength.readUInt8(0));
  const cost = take(12);
  const salt = take(SALT_BYTES);
  const nonce = take(NONCE_BYTES);
  const length = take(4);
  if (versionBytes === null || cost === null || salt === null || nonce === null || length === null) return refuse('truncated', TRUNCATED);

  const contentLength = length.readUInt32BE(0);
  if (contentLength > MAX_PACKET_CONTENT_BYTES)
    return refuse('too-large', 'The packet says it holds more than Stepwise opens (64 MiB), so it was not opened.');
  const expected = offset + contentLength + TAG_BYTES;
  if (file.length < expected) return refuse('truncated', TRUNCATED);
  if (file.length > expected) return refuse('damaged', 'The packet is damaged: the file has extra bytes after its end. Ask for it to be sent again.');

  let appVersion: string;
  try {
    appVersion = new TextDecoder('utf-8', { fatal: true }).decode(versionBytes);
  } catch {
    return refuse('damaged', 'The packet is damaged: its header does not name a Stepwise version. Ask for it to be sent again.');
  }
  const kdf: PasswordKdfCost = { memoryCost: cost.readUInt32BE(0), timeCost: cost.readUInt32BE(4), parallelism: cost.readUInt32BE(8) };
  const header: PacketHeader = { formatVersion, appVersion, kdf, salt: Buffer.from(salt), nonce: Buffer.from(nonce), contentLength };
  return { ok: true, header, headerBytes: file.subarray(0, offset) };
}
