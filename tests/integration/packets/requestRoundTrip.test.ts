import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DecisionRecord, QueueItem } from '../../../shared/contract/decisions';
import type { ExportReviewRequestOutput, ImportPacketOutput } from '../../../shared/contract/packets';
import type { Result } from '../../../shared/contract/result';
import type { UserSummary } from '../../../shared/contract/users';
import type { PacketDecision, PacketEpisode, ReviewRequest } from '../../../shared/packets/packetContent';
import { sealPacket } from '../../../electron/packets/packetFile';
import { makeReviewRequest } from '../../factories/packets';
import { expectOk } from '../../support/seed';
import { makeTempDir } from '../../support/tempDir';
import { createTestCore, sequentialIds, TEST_APP_VERSION, TEST_PASSWORD_KDF, type TestCore } from '../../support/testCore';
import { draftDecision, prepareCase, type CaseFixture } from '../support/caseFixture';

const PASSPHRASE = 'our clinic shares this passphrase';
const TABLES = ['users', 'cases', 'assessments', 'episodes', 'decisions', 'decision_reviews', 'packets_seen', 'audit_events', 'disclosures'];

let temp: ReturnType<typeof makeTempDir>;
let clinic: TestCore;
let supervisorSide: TestCore;

beforeEach(async () => {
  temp = makeTempDir();
  // Two installations: their own data directories, keyrings and ids.
  clinic = await createTestCore(path.join(temp.dir, 'a'), { newId: sequentialIds('a') });
  supervisorSide = await createTestCore(path.join(temp.dir, 'b'), { newId: sequentialIds('b') });
  await clinic.addUser('dana', ['clinician'], 'Dana Reyes');
  await supervisorSide.addUser('root', ['admin'], 'Robin Admin');
  await supervisorSide.addUser('sam', ['supervisor'], 'Sam Okafor');
});
afterEach(() => {
  clinic.close();
  supervisorSide.close();
  temp.cleanup();
});

function counts(core: TestCore): Record<string, number> {
  return Object.fromEntries(
    TABLES.map((table) => [table, (core.database.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]),
  );
}

/** Dana submits a decision on the clinician's installation and saves a review request; the bytes as written. */
async function submitAndExport(): Promise<{ fixture: CaseFixture; decisionId: string; packet: Uint8Array; output: ExportReviewRequestOutput }> {
  const fixture = await prepareCase(clinic, 'dana');
  const decisionId = await draftDecision(clinic, 'dana', fixture);
  expectOk<DecisionRecord>(await clinic.registry.invoke('decisions.submit', { decisionId }));
  const output = expectOk<ExportReviewRequestOutput>(
    await clinic.registry.invoke('packets.exportRequest', { decisionIds: [decisionId], passphrase: PASSPHRASE, disclosure: null }),
  );
  const saved = clinic.savedFiles.at(-1);
  if (!saved?.bytes) throw new Error('the packet was not saved as bytes');
  return { fixture, decisionId, packet: saved.bytes, output };
}

/** A refused call: its code, and a message matching the pattern. */
function expectRefused(result: Result<unknown>, code: string, pattern: RegExp): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(code);
  expect(result.error.message).toMatch(pattern);
}

function packetFile(name: string, bytes: Uint8Array): string {
  const file = path.join(temp.dir, name);
  writeFileSync(file, bytes);
  return file;
}

async function importOnB(file: string, passphrase = PASSPHRASE) {
  await supervisorSide.signInAs('sam', ['supervisor']);
  supervisorSide.chooseImportFile(file);
  return supervisorSide.registry.invoke('packets.import', { passphrase });
}

describe('a review request from one installation to another', () => {
  it('brings the decision into the supervisor’s queue, its author as a remote user who cannot sign in', async () => {
    const { fixture, decisionId, packet, output } = await submitAndExport();
    expect(output).toMatchObject({ saved: true, decisions: 1, cases: 1 });
    expect(clinic.savedFiles.at(-1)?.name).toMatch(/^review-request-\d{4}-\d{2}-\d{2}\.stepwise-packet$/);
    // The sealed bytes never show the patient's details.
    expect(Buffer.from(packet).includes(Buffer.from(fixture.fullName))).toBe(false);
    expect(Buffer.from(packet).includes(Buffer.from(fixture.mrn))).toBe(false);
    // Recorded on A: the export (within the clinic: no disclosure) and the decisions it carried.
    const sent = clinic.database.sqlite.prepare('SELECT packet_id, decision_id FROM packets_sent').all();
    expect(sent).toEqual([{ packet_id: output.packetId, decision_id: decisionId }]);
    expect(clinic.database.sqlite.prepare('SELECT count(*) AS n FROM disclosures').get()).toEqual({ n: 0 });

    const imported = expectOk<ImportPacketOutput>(await importOnB(packetFile('request.stepwise-packet', packet)));
    expect(imported).toMatchObject({ opened: true, kind: 'review-request', packetId: output.packetId, decisions: 1, cases: 1 });

    const queue = expectOk<{ items: QueueItem[] }>(await supervisorSide.registry.invoke('decisions.queue', {}));
    expect(queue.items.map((item) => [item.decision.id, item.decision.author.displayName, item.caseMrn])).toEqual([
      [decisionId, 'Dana Reyes', fixture.mrn],
    ]);

    // Dana exists on B under the same id, marked as from another installation, and cannot sign in there.
    await supervisorSide.signInAs('root', ['admin']);
    const { users } = expectOk<{ users: UserSummary[] }>(await supervisorSide.registry.invoke('users.list', {}));
    // Kept under her username there, marked with her installation, so it never meets a username typed here.
    expect(users.find((user) => user.id === 'user-dana')).toMatchObject({
      username: expect.stringMatching(/^dana@[0-9a-f]{8}$/) as unknown,
      remote: true,
      active: false,
      canSignIn: false,
    });
    expectRefused(await supervisorSide.registry.invoke('users.reactivate', { userId: 'user-dana' }), 'conflict', /another installation/);
    expect(
      await supervisorSide.registry.invoke('users.resetPassword', { userId: 'user-dana', temporaryPassword: 'a temporary password 1' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    supervisorSide.session.end();
    const signIn = await supervisorSide.registry.invoke('auth.signIn', { username: 'dana', password: 'correct horse battery' });
    expect(signIn.ok).toBe(false);

    // The supervisor approves it as any other decision: the author is not the reviewer, by id.
    await supervisorSide.signInAs('sam', ['supervisor']);
    const approved = expectOk<DecisionRecord>(await supervisorSide.registry.invoke('decisions.approve', { decisionId }));
    expect(approved).toMatchObject({ status: 'approved', reviewer: { id: 'user-sam' }, author: { id: 'user-dana' } });
  });

  it('changes nothing when the same packet is imported again', async () => {
    const { packet } = await submitAndExport();
    const file = packetFile('request.stepwise-packet', packet);
    expectOk(await importOnB(file));
    const before = counts(supervisorSide);
    const again = await importOnB(file);
    expectRefused(again, 'conflict', /already imported on 2026-11-29 by Sam Okafor; nothing changed/);
    expect(counts(supervisorSide)).toEqual(before);
  });

  it('changes nothing for a wrong passphrase or a changed byte', async () => {
    const { packet } = await submitAndExport();
    const before = counts(supervisorSide);
    const wrong = await importOnB(packetFile('request.stepwise-packet', packet), 'not the passphrase');
    expectRefused(wrong, 'invalid_input', /passphrase is wrong/);
    const tampered = Uint8Array.from(packet);
    tampered[tampered.length - 40] = (tampered[tampered.length - 40] ?? 0) ^ 0x01;
    const changed = await importOnB(packetFile('tampered.stepwise-packet', tampered));
    expectRefused(changed, 'invalid_input', /changed after it was made/);
    const truncated = await importOnB(packetFile('cut.stepwise-packet', packet.subarray(0, 60)));
    expectRefused(truncated, 'invalid_input', /incomplete/);
    expect(counts(supervisorSide)).toEqual(before);
    // And nothing was written, so the right packet still imports.
    expectOk(await importOnB(packetFile('request.stepwise-packet', packet)));
  });

  it('keeps a local user and a remote one with the same username apart: a person with an account on both installations', async () => {
    // Dana also has an account on the supervisor's laptop, under another id there.
    supervisorSide.database.sqlite
      .prepare("INSERT INTO users (id, username, display_name, created_at, updated_at) VALUES ('b-dana', 'DANA', 'Dana Reyes (here)', ?, ?)")
      .run('2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z');
    const { packet, decisionId } = await submitAndExport();
    expectOk(await importOnB(packetFile('request.stepwise-packet', packet)));
    const rows = supervisorSide.database.sqlite.prepare("SELECT id, username FROM users WHERE username LIKE 'dana%' ORDER BY id").all();
    expect(rows).toEqual([
      { id: 'b-dana', username: 'DANA' },
      { id: 'user-dana', username: expect.stringMatching(/^dana@[0-9a-f]{8}$/) as unknown },
    ]);
    expect(supervisorSide.database.sqlite.prepare('SELECT author_id FROM decisions WHERE id = ?').get(decisionId)).toEqual({
      author_id: 'user-dana',
    });
  });

  it('refuses a packet whose case MRN belongs to another case here, naming the MRN', async () => {
    const { fixture, packet } = await submitAndExport();
    await supervisorSide.signInAs('sam', ['supervisor']);
    expectOk(await supervisorSide.registry.invoke('cases.create', { mrn: fixture.mrn, fullName: 'Another Person', dateOfBirth: '1980-01-01' }));
    const before = counts(supervisorSide);
    const refused = await importOnB(packetFile('request.stepwise-packet', packet));
    expectRefused(refused, 'conflict', new RegExp(`The MRN ${fixture.mrn} belongs to another case here`));
    expect(counts(supervisorSide)).toEqual(before);
  });
});

describe('episodes that would break a case’s history', () => {
  async function importContent(content: ReviewRequest) {
    // Made by the same version as the test installation (the factory's is newer).
    const bytes = await sealPacket({ ...content, appVersion: TEST_APP_VERSION }, PASSPHRASE, { kdf: TEST_PASSWORD_KDF });
    return importOnB(packetFile(`${content.packetId}.stepwise-packet`, bytes));
  }

  it('refuses a later packet whose episodes overlap an episode only this side has, in a sentence naming both', async () => {
    const first = makeReviewRequest();
    expectOk(await importContent(first));
    expectOk(await supervisorSide.registry.invoke('decisions.approve', { decisionId: 'dec-1' }));
    // An episode recorded only here (the clinic never had it).
    supervisorSide.database.sqlite
      .prepare(
        "INSERT INTO episodes (id, case_id, level, start_date, end_date, end_reason, created_at, updated_at) VALUES ('b-ep', 'case-1', 'iop', '2026-10-01', '2026-10-25', 'transferred', ?, ?)",
      )
      .run('2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z');
    const before = counts(supervisorSide);
    const second = makeReviewRequest({
      packetId: '7a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      episodes: [
        ...first.episodes,
        {
          id: 'ep-9',
          caseId: 'case-1',
          level: 'iop',
          startDate: '2026-10-20',
          endDate: '2026-11-01',
          endReason: 'transferred',
          openedByDecisionId: null,
          followsId: null,
        },
      ],
      decisions: [{ ...(first.decisions[0] as PacketDecision), id: 'dec-2', submittedAt: '2026-11-28T09:00:00.000Z' }],
    });
    expectRefused(
      await importContent(second),
      'conflict',
      /MRN-774411 has episodes here that do not fit the packet's: The IOP episode from 2026-10-01 to 2026-10-25 overlaps the IOP episode from 2026-10-20 to 2026-11-01/i,
    );
    expect(counts(supervisorSide)).toEqual(before);
  });

  it('brings episodes already here up to date with the clinic’s record of them', async () => {
    const first = makeReviewRequest();
    expectOk(await importContent(first));
    expectOk(await supervisorSide.registry.invoke('decisions.approve', { decisionId: 'dec-1' }));
    // At the clinic the inpatient stay was since closed and an IOP episode opened.
    const second = makeReviewRequest({
      packetId: '7a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      episodes: [
        { ...(first.episodes[0] as PacketEpisode), endDate: '2026-11-25', endReason: 'transferred' },
        {
          id: 'ep-2',
          caseId: 'case-1',
          level: 'iop',
          startDate: '2026-11-25',
          endDate: null,
          endReason: null,
          openedByDecisionId: null,
          followsId: 'ep-1',
        },
      ],
      decisions: [{ ...(first.decisions[0] as PacketDecision), id: 'dec-2', submittedAt: '2026-11-28T09:00:00.000Z' }],
    });
    expectOk(await importContent(second));
    expect(
      supervisorSide.database.sqlite
        .prepare("SELECT id, level, start_date, end_date FROM episodes WHERE case_id = 'case-1' ORDER BY start_date")
        .all(),
    ).toEqual([
      { id: 'ep-1', level: 'inpatient', start_date: '2026-11-01', end_date: '2026-11-25' },
      { id: 'ep-2', level: 'iop', start_date: '2026-11-25', end_date: null },
    ]);
  });

  it('refuses two decisions for one case in one packet', async () => {
    const base = makeReviewRequest();
    const twice = makeReviewRequest({ decisions: [...base.decisions, { ...(base.decisions[0] as PacketDecision), id: 'dec-2' }] });
    const before = counts(supervisorSide);
    expectRefused(await importContent(twice), 'conflict', /two decisions for the case with MRN MRN-774411/);
    expect(counts(supervisorSide)).toEqual(before);
  });

  it('refuses a packet whose own episodes for a new case overlap', async () => {
    const overlapping = makeReviewRequest({
      episodes: [
        ...makeReviewRequest().episodes,
        {
          id: 'ep-9',
          caseId: 'case-1',
          level: 'iop',
          startDate: '2026-10-20',
          endDate: '2026-11-03',
          endReason: 'transferred',
          openedByDecisionId: null,
          followsId: null,
        },
      ],
    });
    const before = counts(supervisorSide);
    expectRefused(await importContent(overlapping), 'conflict', /do not fit/);
    expect(counts(supervisorSide)).toEqual(before);
  });
});
