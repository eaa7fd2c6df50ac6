import { createCipheriv, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deriveArgon2idKey,
  openPacket,
  PACKET_KDF,
  PACKET_MAGIC,
  PacketSealError,
  sealPacket,
  type OpenedPacket,
  type PacketKeyDerivation,
  type PacketRefusalCode,
} from '../../../electron/packets/packetFile';
import type { PasswordKdfCost } from '../../../electron/security/keyring';
import type { PacketContent } from '../../../shared/packets/packetContent';
import { makeReviewRequest, makeSignOff, PATIENT_MRN, PATIENT_NAME } from '../../factories/packets';
import { TEST_PASSWORD_KDF } from '../../support/testCore';

const PASSPHRASE = 'river otter lantern 42';
const APP_VERSION = '0.1.0';
/** Offsets in a header whose app version is "0.1.0": magic 15, format 2, length 1, version 5, then the cost. */
const COST_OFFSET = PACKET_MAGIC.length + 2 + 1 + APP_VERSION.length;

/**
 * The real Argon2id, with each distinct derivation done once: the byte-flip tests open thousands of packets whose
 * salt and cost are unchanged, and would otherwise spend minutes deriving the same key. A copy is handed out because
 * openPacket wipes the key it was given.
 */
function reusingDerivation(): { derive: PacketKeyDerivation; calls: () => number } {
  const keys = new Map<string, Buffer>();
  let calls = 0;
  const derive: PacketKeyDerivation = async (passphrase, salt, cost) => {
    calls += 1;
    const id = JSON.stringify([passphrase, salt.toString('hex'), cost]);
    const known = keys.get(id) ?? (await deriveArgon2idKey(passphrase, salt, cost));
    keys.set(id, known);
    return Buffer.from(known);
  };
  return { derive, calls: () => calls };
}

async function seal(content: PacketContent = makeReviewRequest(), kdf: PasswordKdfCost = TEST_PASSWORD_KDF): Promise<Buffer> {
  return sealPacket(content, PASSPHRASE, { kdf });
}

/**
 * A faulty writer that knows the passphrase: the layout of docs/PACKETS.md written out independently, around any
 * plaintext, so content that sealPacket would never write can be authenticated and then checked by openPacket.
 */
async function sealAnyPlaintext(plaintext: Buffer, appVersion = APP_VERSION): Promise<Buffer> {
  const version = Buffer.from(appVersion, 'utf8');
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const fields = Buffer.alloc(2 + 1);
  fields.writeUInt16BE(1, 0);
  fields.writeUInt8(version.length, 2);
  const cost = Buffer.alloc(12);
  cost.writeUInt32BE(TEST_PASSWORD_KDF.memoryCost, 0);
  cost.writeUInt32BE(TEST_PASSWORD_KDF.timeCost, 4);
  cost.writeUInt32BE(TEST_PASSWORD_KDF.parallelism, 8);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(plaintext.length, 0);
  const header = Buffer.concat([PACKET_MAGIC, fields, version, cost, salt, nonce, length]);
  const cipher = createCipheriv('aes-256-gcm', await deriveArgon2idKey(PASSPHRASE, salt, TEST_PASSWORD_KDF), nonce, { authTagLength: 16 });
  cipher.setAAD(header);
  return Buffer.concat([header, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

function refusalCode(opened: OpenedPacket): PacketRefusalCode | 'opened' {
  return opened.ok ? 'opened' : opened.error.code;
}

describe('a sealed packet', () => {
  it('opens with the passphrase to the same content, for both kinds', async () => {
    for (const content of [makeReviewRequest(), makeSignOff()]) {
      const opened = await openPacket(await seal(content), PASSPHRASE, { appVersion: APP_VERSION });
      expect(opened.ok && opened.value.content).toEqual(content);
      expect(opened.ok && opened.value.header).toMatchObject({ formatVersion: 1, appVersion: APP_VERSION, kdf: TEST_PASSWORD_KDF });
    }
  });

  it('opens at the production cost, which is what it is sealed with by default', async () => {
    const bytes = await sealPacket(makeReviewRequest(), PASSPHRASE);
    expect(bytes.readUInt32BE(COST_OFFSET)).toBe(PACKET_KDF.memoryCost);
    expect(bytes.readUInt32BE(COST_OFFSET + 4)).toBe(PACKET_KDF.timeCost);
    expect((await openPacket(bytes, PASSPHRASE, { appVersion: APP_VERSION })).ok).toBe(true);
  });

  it('starts with the magic and holds no patient name, MRN or notice in the clear', async () => {
    const bytes = await seal();
    expect(bytes.subarray(0, PACKET_MAGIC.length).toString('ascii')).toBe('STEPWISE-PACKET');
    for (const text of [PATIENT_NAME, PATIENT_MRN, 'Quackenbush', '42 CFR']) {
      for (const encoding of ['utf8', 'utf16le', 'latin1'] as const) expect(bytes.includes(Buffer.from(text, encoding))).toBe(false);
    }
  });

  it('differs every time the same content is sealed (fresh salt and nonce)', async () => {
    const [first, second] = [await seal(), await seal()];
    const saltAt = COST_OFFSET + 12;
    expect(first.equals(second)).toBe(false);
    expect(first.subarray(saltAt, saltAt + 16).equals(second.subarray(saltAt, saltAt + 16))).toBe(false);
    expect(first.subarray(saltAt + 16, saltAt + 28).equals(second.subarray(saltAt + 16, saltAt + 28))).toBe(false);
  });

  it('opens with the passphrase typed in another Unicode form (NFD on one machine, NFC on the other)', async () => {
    const bytes = await sealPacket(makeReviewRequest(), 'Zoë café'.normalize('NFD'), { kdf: TEST_PASSWORD_KDF });
    expect((await openPacket(bytes, 'Zoë café'.normalize('NFC'), { appVersion: APP_VERSION })).ok).toBe(true);
  });
});

describe('a packet is refused, with a clear sentence', () => {
  it('with the wrong passphrase, saying honestly that it may also have been changed', async () => {
    const opened = await openPacket(await seal(), 'river otter lantern 43', { appVersion: APP_VERSION });
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.error.code).toBe('wrong-passphrase-or-tampered');
    expect(opened.error.message).toMatch(/^The passphrase is wrong, or the packet was changed after it was made\./);
    expect(refusalCode(await openPacket(await seal(), '', { appVersion: APP_VERSION }))).toBe('wrong-passphrase-or-tampered');
  });

  it('when any single byte of header, ciphertext or tag is changed', async () => {
    const bytes = await seal();
    const { derive } = reusingDerivation();
    const saltAt = COST_OFFSET + 12;
    const bodyAt = saltAt + 16 + 12 + 4;
    const headerCodes = new Set<string>();
    for (let position = 0; position < bytes.length; position += 1) {
      const changed = Buffer.from(bytes);
      changed[position] = (changed[position] ?? 0) ^ 0x01;
      const opened = await openPacket(changed, PASSPHRASE, { appVersion: APP_VERSION, deriveKey: derive });
      if (opened.ok) throw new Error(`byte ${position} of ${bytes.length} was changed and the packet still opened`);
      // Salt, nonce, ciphertext and tag are caught only by the cipher; the other header fields may be refused as read.
      const cipherOnly = (position >= saltAt && position < bodyAt - 4) || position >= bodyAt;
      if (cipherOnly && opened.error.code !== 'wrong-passphrase-or-tampered') throw new Error(`byte ${position}: ${opened.error.code}`);
      if (!cipherOnly) headerCodes.add(opened.error.code);
    }
    expect(bytes.length).toBeGreaterThan(1_000);
    // A changed app-version length shifts where the content length is read, into the random nonce: that reads as
    // "too large" in 252 packets of 256, so whether it shows up here depends on the nonce. It has its own test below.
    expect([...headerCodes].filter((code) => code !== 'too-large').sort()).toEqual([
      'damaged',
      'kdf-out-of-bounds',
      'newer-app',
      'newer-format',
      'not-a-packet',
      'truncated',
      'wrong-passphrase-or-tampered',
    ]);
  }, 120_000);

  it('when any byte is changed in any way (property)', async () => {
    const bytes = await seal();
    const { derive } = reusingDerivation();
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), async (position, mask) => {
        const changed = Buffer.from(bytes);
        changed[position] = (changed[position] ?? 0) ^ mask;
        expect((await openPacket(changed, PASSPHRASE, { appVersion: APP_VERSION, deriveKey: derive })).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('when cut short at any length, or given bytes after its end', async () => {
    const bytes = await seal();
    const { derive, calls } = reusingDerivation();
    for (let length = 0; length < bytes.length; length += 1) {
      const opened = await openPacket(bytes.subarray(0, length), PASSPHRASE, { appVersion: APP_VERSION, deriveKey: derive });
      if (refusalCode(opened) !== 'truncated') throw new Error(`cut at ${length} bytes: ${refusalCode(opened)}`);
    }
    expect(calls()).toBe(0);
    expect(refusalCode(await openPacket(Buffer.concat([bytes, Buffer.from([0])]), PASSPHRASE, { appVersion: APP_VERSION }))).toBe('damaged');
  });

  it('when it is not a Stepwise packet at all', async () => {
    for (const other of [Buffer.from('%PDF-1.7\n'), Buffer.from('mrn,name\nA-1,Jane\n'), Buffer.from('STEPWISE-BACKUP-and-more-bytes')]) {
      const opened = await openPacket(other, PASSPHRASE, { appVersion: APP_VERSION });
      expect(opened.ok ? null : opened.error).toEqual({ code: 'not-a-packet', message: 'This file is not a Stepwise review packet.' });
    }
  });

  it('when a newer Stepwise made it, naming both versions, and reads one from an older version', async () => {
    const newer = await seal(makeReviewRequest({ appVersion: '0.2.0' }));
    const opened = await openPacket(newer, PASSPHRASE, { appVersion: APP_VERSION });
    expect(opened.ok ? null : opened.error).toEqual({
      code: 'newer-app',
      message: 'The packet was made by Stepwise 0.2.0, newer than this version (0.1.0). Update Stepwise to open it.',
    });
    expect((await openPacket(newer, PASSPHRASE, { appVersion: '0.2.0' })).ok).toBe(true);
    const older = await openPacket(await seal(makeReviewRequest({ appVersion: '0.0.9' })), PASSPHRASE, { appVersion: APP_VERSION });
    expect(older.ok && older.value.header.appVersion).toBe('0.0.9');
    const prerelease = await openPacket(await seal(makeReviewRequest({ appVersion: '0.1.0-beta.2' })), PASSPHRASE, { appVersion: APP_VERSION });
    expect(prerelease.ok).toBe(true);
  });

  it('when it uses a newer packet format, before any key is derived', async () => {
    const bytes = await seal();
    bytes.writeUInt16BE(2, PACKET_MAGIC.length);
    const { derive, calls } = reusingDerivation();
    const opened = await openPacket(bytes, PASSPHRASE, { appVersion: APP_VERSION, deriveKey: derive });
    expect(opened.ok ? null : opened.error.code).toBe('newer-format');
    expect(opened.ok ? '' : opened.error.message).toContain('Update Stepwise');
    expect(calls()).toBe(0);
  });

  it.each<[string, number, number]>([
    ['4 GiB of memory', 0, 0xffff_ffff],
    ['1 GiB of memory', 0, 1_048_576],
    ['less memory than the floor', 0, 64],
    ['a million passes', 4, 1_000_000],
    ['no passes', 4, 0],
    ['255 lanes', 8, 255],
    ['no lanes', 8, 0],
  ])('when it asks for %s, before any key is derived', async (_label, field, value) => {
    const bytes = await seal();
    bytes.writeUInt32BE(value, COST_OFFSET + field);
    const { derive, calls } = reusingDerivation();
    const opened = await openPacket(bytes, PASSPHRASE, { appVersion: APP_VERSION, deriveKey: derive });
    expect(refusalCode(opened)).toBe('kdf-out-of-bounds');
    expect(calls()).toBe(0);
  });

  it('when it asks for more than the caps the caller sets, though within the defaults', async () => {
    const bytes = await seal(makeReviewRequest(), { memoryCost: 16_384, timeCost: 2, parallelism: 1 });
    const caps = { maxMemoryCost: 8_192, maxTimeCost: 10, maxParallelism: 4 };
    const opened = await openPacket(bytes, PASSPHRASE, { appVersion: APP_VERSION, kdfCaps: caps });
    expect(opened.ok ? null : opened.error.message).toMatch(/memory 16384 KiB, at most 8192/);
  });

  it('when its header claims more content than Stepwise opens', async () => {
    const bytes = await seal();
    bytes.writeUInt32BE(0xffff_fff0, COST_OFFSET + 12 + 16 + 12);
    expect(refusalCode(await openPacket(bytes, PASSPHRASE, { appVersion: APP_VERSION }))).toBe('too-large');
  });
});

describe('an authenticated packet with unusable content is refused', () => {
  it('opens when a faulty writer writes valid content (the layout is as documented)', async () => {
    const opened = await openPacket(await sealAnyPlaintext(Buffer.from(JSON.stringify(makeSignOff()))), PASSPHRASE, { appVersion: APP_VERSION });
    expect(opened.ok && opened.value.content).toEqual(makeSignOff());
  });

  it.each<[string, Buffer]>([
    ['not JSON', Buffer.from('{"kind": "review-request", ')],
    ['not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
    ['a JSON array', Buffer.from('[]')],
    ['an unknown kind', Buffer.from(JSON.stringify({ ...makeSignOff(), kind: 'discharge' }))],
  ])('when it is %s', async (_label, plaintext) => {
    expect(refusalCode(await openPacket(await sealAnyPlaintext(plaintext), PASSPHRASE, { appVersion: APP_VERSION }))).toBe('invalid-content');
  });

  it('naming the first field that fails and no patient detail', async () => {
    const request = makeReviewRequest();
    const broken = { ...request, decisions: request.decisions.map((item) => ({ ...item, status: 'approved' })) };
    const opened = await openPacket(await sealAnyPlaintext(Buffer.from(JSON.stringify(broken))), PASSPHRASE, { appVersion: APP_VERSION });
    expect(opened.ok ? null : opened.error).toMatchObject({ code: 'invalid-content', field: 'decisions.0.status' });
    expect(JSON.stringify(opened)).not.toContain(PATIENT_NAME);
  });

  it('when its contents name another version than its header', async () => {
    const plaintext = Buffer.from(JSON.stringify(makeReviewRequest({ appVersion: '0.0.9' })));
    const opened = await openPacket(await sealAnyPlaintext(plaintext, '0.1.0'), PASSPHRASE, { appVersion: APP_VERSION });
    expect(opened.ok ? null : opened.error.message).toMatch(/its contents and its header name different versions/);
  });
});

describe('sealing refuses', () => {
  it('content that fails the schema, a missing notice, an empty passphrase and a cost the reader would refuse', async () => {
    const { decisions: _decisions, ...noDecisions } = makeReviewRequest();
    await expect(sealPacket({ ...noDecisions, decisions: [] }, PASSPHRASE, { kdf: TEST_PASSWORD_KDF })).rejects.toThrow(PacketSealError);
    const shortNotice = makeReviewRequest({ notice: 'Protected by 42 CFR part 2.' });
    await expect(sealPacket(shortNotice, PASSPHRASE, { kdf: TEST_PASSWORD_KDF })).rejects.toThrow(/redisclosure notice/);
    await expect(sealPacket(makeReviewRequest({ appVersion: 'latest' }), PASSPHRASE, { kdf: TEST_PASSWORD_KDF })).rejects.toThrow(/app version/);
    await expect(sealPacket(makeReviewRequest(), '', { kdf: TEST_PASSWORD_KDF })).rejects.toThrow(/passphrase/);
    await expect(sealPacket(makeReviewRequest(), PASSPHRASE, { kdf: { memoryCost: 1_048_576, timeCost: 1, parallelism: 1 } })).rejects.toThrow(
      /cost/,
    );
  });

  it('and its messages name the field, never the patient', async () => {
    const request = makeReviewRequest();
    const badCase = { ...request, cases: request.cases.map((item) => ({ ...item, dateOfBirth: 'yesterday' })) };
    const error: unknown = await sealPacket(badCase, PASSPHRASE, { kdf: TEST_PASSWORD_KDF }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PacketSealError);
    expect(String(error)).toContain('cases.0.dateOfBirth');
    expect(String(error)).not.toContain(PATIENT_NAME);
  });
});
