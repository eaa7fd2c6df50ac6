import { useState } from 'react';
import type { ImportPacketOutput } from '../../../shared/contract/packets';
import { call } from '../api/client';
import { plural } from '../workflow/describe';
import { PassphraseDialog } from './PassphraseDialog';

/** What an opened packet did, in sentences. */
export function describeOpened(opened: ImportPacketOutput): string {
  if (opened.kind === 'review-request') {
    return (
      `Imported a review request: ${plural(opened.decisions, 'decision')} of ${plural(opened.cases, 'case')}. ` +
      'They are in the review queue; approve or return them there, then send the sign-off from this screen.'
    );
  }
  const parts: string[] = [];
  if (opened.approved > 0) parts.push(`${plural(opened.approved, 'approval')} applied`);
  if (opened.returned > 0) parts.push(`${plural(opened.returned, 'return')} applied`);
  if (opened.alreadyApplied > 0) parts.push(`${plural(opened.alreadyApplied, 'outcome')} already here`);
  const applied = parts.length > 0 ? `${parts.join(', ')}.` : 'Nothing was applied.';
  const conflicts =
    opened.conflicts > 0
      ? ` ${plural(opened.conflicts, 'outcome')} could not be applied as ${opened.conflicts === 1 ? 'it stands' : 'they stand'} here; ` +
        `see "Conflicts to resolve" below.`
      : '';
  return `Imported the sign-off from ${opened.reviewerName ?? 'the reviewer'}: ${applied}${conflicts}`;
}

interface Props {
  /** After a packet was imported: the sentence to show, and the lists to refresh. */
  readonly onOpened: (message: string, opened: ImportPacketOutput) => void;
}

/** "Open a packet…": the passphrase first, then the file; every refusal is a sentence and changes nothing. */
export function OpenPacket({ onOpened }: Props) {
  const [asking, setAsking] = useState(false);

  const open = async (passphrase: string): Promise<string | null> => {
    const result = await call('packets.import', { passphrase });
    if (!result.ok) return result.error.message;
    setAsking(false);
    if (result.value.opened) onOpened(describeOpened(result.value), result.value);
    return null;
  };

  return (
    <>
      <button type="button" className="button-primary" onClick={() => setAsking(true)}>
        Open a packet…
      </button>
      {asking && (
        <PassphraseDialog
          title="Open a review packet"
          sealing={false}
          submitLabel="Choose the packet file…"
          busyLabel="Opening…"
          onSubmit={open}
          onCancel={() => setAsking(false)}
        >
          <p className="hint">
            A review request from a clinician (for supervisors), or a sign-off answering one you sent. Type the passphrase, then choose the file.
          </p>
        </PassphraseDialog>
      )}
    </>
  );
}
