import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SavedFile } from '../../../electron/ipc/handlerContext';
import type { SessionEnd } from '../../../electron/ipc/sessionLock';
import type { Result } from '../../../shared/contract/result';
import { REDISCLOSURE_NOTICE } from '../../../shared/domain/confidentiality';
import type { Role } from '../../../shared/domain/roles';
import { makeTempDir } from '../../support/tempDir';
import { check, openFile, writeFile } from '../../support/importFlow';
import { createTestCore, type FileToSave, type TestCore } from '../../support/testCore';
import { auditRows, detailsOf, expectKeyFileHeadToFollowLog, MINUTE, movableClock, type MovableClock } from '../support/auditTrail';
import { addClinicUsers, prepareCase, type CaseFixture } from '../support/caseFixture';

const TO_PROBATION = { recipient: 'County Probation Office', purpose: 'Court-ordered treatment update', consentReference: 'Consent 2026-114' };
const CSV = `${REDISCLOSURE_NOTICE}\r\nfield,value\r\nlevel,IOP\r\n`;
const SAVED_AS = (file: FileToSave): SavedFile => ({ saved: true, fileName: `chosen-${file.name}` });
const CANCELLED: SavedFile = { saved: false, fileName: null };

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;
let clock: MovableClock;
let danas: CaseFixture;

beforeEach(async () => {
  temp = makeTempDir('stepwise-export-lock-');
  clock = movableClock();
  core = await createTestCore(temp.dir, { clock });
  await addClinicUsers(core);
  danas = await prepareCase(core, 'dana');
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

/** Every way a file leaves Stepwise, with who may save it and the events a saved file adds to the audit log. */
interface Way {
  readonly channel: string;
  readonly user: readonly [string, readonly Role[]];
  readonly recorded: readonly string[];
  readonly disclosures: number;
  readonly invoke: () => Promise<Result<unknown>>;
}

const WAYS: readonly Way[] = [
  {
    channel: 'exports.save',
    user: ['dana', ['clinician']],
    recorded: ['export', 'disclosure-recorded'],
    disclosures: 1,
    invoke: () => core.registry.invoke('exports.save', { dataset: 'cases', format: 'csv', scope: { kind: 'all' }, disclosure: TO_PROBATION }),
  },
  {
    channel: 'files.saveText',
    user: ['dana', ['clinician']],
    recorded: ['export', 'disclosure-recorded'],
    disclosures: 1,
    invoke: () =>
      core.registry.invoke('files.saveText', {
        suggestedName: 'summary.csv',
        content: CSV,
        record: { kind: 'case-summary', caseIds: [danas.caseId], disclosure: TO_PROBATION },
      }),
  },
  {
    channel: 'files.savePdf',
    user: ['dana', ['clinician']],
    recorded: ['export', 'disclosure-recorded'],
    disclosures: 1,
    invoke: () =>
      core.registry.invoke('files.savePdf', {
        suggestedName: 'review.pdf',
        record: { kind: 'case-summary', caseIds: [danas.caseId], disclosure: TO_PROBATION },
      }),
  },
  {
    channel: 'imports.saveReport',
    user: ['sam', ['supervisor']],
    recorded: ['export'],
    disclosures: 0,
    invoke: async () => {
      const file = writeFile(temp.dir, 'bad.csv', ['mrn,name,date_of_birth', 'B-1,,1980-02-30'].join('\n'));
      const opened = await openFile(core, 'cases', file);
      await check(core, opened);
      return core.registry.invoke('imports.saveReport', { importId: opened.importId });
    },
  },
  {
    channel: 'audit.export',
    user: ['root', ['admin']],
    recorded: ['audit-exported'],
    disclosures: 0,
    invoke: () => core.registry.invoke('audit.export', {}),
  },
];

/** The save dialog is open when the session ends (not awaited, as the timer and the screen lock do); then the person answers. */
function lockWhileTheDialogIsOpen(end: () => Promise<unknown>, answer: (file: FileToSave) => SavedFile): { ended: () => Promise<unknown> } {
  let ending: Promise<unknown> | null = null;
  core.onSave(async (file) => {
    ending = end();
    // Long enough for the lock to reach the database if nothing held it back.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return answer(file);
  });
  return {
    ended: async () => {
      if (ending === null) throw new Error('the save dialog never opened');
      return ending;
    },
  };
}

const screenLock = (how: SessionEnd) => () => core.endSession(how);
const disclosureCount = () => Number(core.database.sqlite.prepare('SELECT count(*) FROM disclosures').pluck().get());

describe.each(WAYS)('$channel while the session locks with the save dialog open', (way) => {
  beforeEach(async () => {
    await core.signInAs(...way.user);
  });

  it('a file saved is recorded, and only then does the session end, with its own lock event', async () => {
    const logged = auditRows(core).length;
    const lock = lockWhileTheDialogIsOpen(screenLock('screen-locked'), SAVED_AS);
    const result = await way.invoke();
    expect(result).toMatchObject({ ok: true, value: { saved: true, fileName: expect.stringMatching(/^chosen-/) as unknown } });
    await lock.ended();
    expect(core.session.user).toBeNull();
    expect(core.vault.isOpen).toBe(false);
    const added = auditRows(core).slice(logged);
    expect(added.map((row) => row.action)).toEqual([...way.recorded, 'lock']);
    expect(detailsOf(added.at(-1)!)).toEqual({ reason: 'screen-locked' });
    expect(disclosureCount()).toBe(way.disclosures);
    expect(core.savedFiles).toHaveLength(1);
    expectKeyFileHeadToFollowLog(core);
  });

  it('a dialog cancelled records nothing; the session still ends', async () => {
    const logged = auditRows(core).length;
    const lock = lockWhileTheDialogIsOpen(screenLock('manual'), () => CANCELLED);
    expect(await way.invoke()).toEqual({ ok: true, value: expect.objectContaining(CANCELLED) as unknown });
    await lock.ended();
    expect(core.session.user).toBeNull();
    expect(
      auditRows(core)
        .slice(logged)
        .map((row) => row.action),
    ).toEqual(['lock']);
    expect(disclosureCount()).toBe(0);
    expect(core.savedFiles).toEqual([]);
  });
});

describe('a file saved while the auto-lock timer fires', () => {
  it('is recorded before the inactivity lock, which then closes the session', async () => {
    await core.signInAs('dana', ['clinician']);
    const logged = auditRows(core).length;
    const lock = lockWhileTheDialogIsOpen(async () => {
      // The person sat in front of the dialog past the auto-lock time and its grace.
      clock.advance(12 * MINUTE);
      return core.lockIfIdle();
    }, SAVED_AS);
    const result = await WAYS[0]!.invoke();
    expect(result).toMatchObject({ ok: true, value: { saved: true, fileName: 'chosen-stepwise-cases-2026-11-29.csv', cases: 1, rows: 1 } });
    expect(await lock.ended()).toBe(true);
    expect(core.vault.isOpen).toBe(false);
    const added = auditRows(core).slice(logged);
    expect(added.map((row) => row.action)).toEqual(['export', 'disclosure-recorded', 'lock']);
    expect(detailsOf(added[2]!)).toEqual({ reason: 'inactivity' });
    expect(disclosureCount()).toBe(1);
  });
});

describe('a save whose write fails', () => {
  beforeEach(async () => {
    await core.signInAs('dana', ['clinician']);
  });

  it('records nothing and says why in words', async () => {
    const logged = auditRows(core).length;
    const headBefore = core.vault.keyring()?.audit;
    core.onSave(async () => {
      throw Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES' });
    });
    for (const way of WAYS.slice(0, 3)) {
      expect(await way.invoke()).toMatchObject({
        ok: false,
        error: {
          code: 'unavailable',
          message: 'The file was not saved: Stepwise may not write to that place. Nothing was recorded; choose another place and try again.',
        },
      });
    }
    core.onSave(async () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    expect(await WAYS[0]!.invoke()).toMatchObject({ ok: false, error: { code: 'unavailable', message: /not enough free space there/ } });
    expect(auditRows(core)).toHaveLength(logged);
    expect(disclosureCount()).toBe(0);
    expect(core.vault.keyring()?.audit).toEqual(headBefore);
    expect(core.session.user).not.toBeNull();
  });

  it('that is not a file-system failure is logged as an internal error, and nothing is recorded', async () => {
    const logged = auditRows(core).length;
    core.onSave(async () => {
      throw new Error('printToPDF failed');
    });
    expect(await WAYS[2]!.invoke()).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(core.logger.entries.at(-1)).toMatchObject({ level: 'error', message: 'Request failed' });
    expect(auditRows(core)).toHaveLength(logged);
    expect(disclosureCount()).toBe(0);
  });

  it('after the file is written (the database closed outside the lock) says the file was saved but not recorded', async () => {
    const logged = auditRows(core).length;
    // What the lock can no longer do, but a direct close still could: the database goes away under the open dialog.
    core.onSave(async (file) => {
      core.vault.close();
      return SAVED_AS(file);
    });
    const result = await WAYS[1]!.invoke();
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'unavailable',
        message:
          '"chosen-summary.csv" was saved, but Stepwise could not record the export in the audit log and disclosure history. ' +
          'Delete the file, sign in again if Stepwise is locked, and export it again.',
      },
    });
    expect(auditRows(core)).toHaveLength(logged);
    expect(disclosureCount()).toBe(0);
  });
});
