import { useState } from 'react';
import type { DisclosureDetails } from '../../../shared/contract/disclosures';
import type { PacketsOverview } from '../../../shared/contract/packets';
import { call } from '../api/client';
import { LevelBadge } from '../components/LevelBadge';
import { AudienceDialog } from '../disclosure/AudienceDialog';
import { formatInstant } from '../format/time';
import { plural } from '../workflow/describe';
import { PassphraseDialog } from './PassphraseDialog';

type Sendable = PacketsOverview['sendable'][number];

interface Props {
  readonly decisions: readonly Sendable[];
  /** After a packet was saved: the sentence to show, and the lists to refresh. */
  readonly onSent: (message: string) => void;
}

/**
 * Decisions waiting for review, to send to a supervisor on another installation as one encrypted packet:
 * choose them, say who it is for, type the clinic passphrase, save the file.
 */
export function SendForReview({ decisions, onSent }: Props) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [step, setStep] = useState<'choose' | 'audience' | 'passphrase'>('choose');
  const [disclosure, setDisclosure] = useState<DisclosureDetails | null>(null);
  const picked = decisions.filter((decision) => chosen.has(decision.decisionId));
  const allChosen = decisions.length > 0 && picked.length === decisions.length;

  const toggle = (id: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const send = async (passphrase: string): Promise<string | null> => {
    const result = await call('packets.exportRequest', { decisionIds: picked.map((item) => item.decisionId), passphrase, disclosure });
    if (!result.ok) return result.error.message;
    setStep('choose');
    if (!result.value.saved) return null;
    setChosen(new Set());
    const disclosed = disclosure ? ` The disclosure to ${disclosure.recipient} was entered in each case's disclosure history.` : '';
    onSent(
      `Saved ${result.value.fileName ?? 'the packet'}: ${plural(result.value.decisions, 'decision')} of ${plural(result.value.cases, 'case')}, ` +
        `encrypted with the clinic passphrase. Give it to the supervisor; their sign-off comes back as another packet.${disclosed}`,
    );
    return null;
  };

  return (
    <section className="packets-section" aria-labelledby="send-title">
      <h2 id="send-title">Send decisions for review</h2>
      <p className="packets-hint">
        For a supervisor who reviews on another computer. The packet holds the chosen decisions with their cases, assessments and episodes, encrypted;
        it carries the 42 CFR part 2 redisclosure notice.
      </p>
      {decisions.length === 0 ? (
        <p className="muted">No decision is waiting for review. Submit a placement decision first; it appears here.</p>
      ) : (
        <>
          <div className="table-frame">
            <table className="data-table" aria-label="Decisions waiting for review">
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label="Choose every decision"
                      checked={allChosen}
                      onChange={() => setChosen(allChosen ? new Set() : new Set(decisions.map((item) => item.decisionId)))}
                    />
                  </th>
                  <th scope="col">Case</th>
                  <th scope="col">Decision</th>
                  <th scope="col">Author</th>
                  <th scope="col">Submitted</th>
                  <th scope="col">Last sent</th>
                </tr>
              </thead>
              <tbody>
                {decisions.map((item) => (
                  <tr key={item.decisionId}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Send the decision for ${item.caseName} (MRN ${item.caseMrn})`}
                        checked={chosen.has(item.decisionId)}
                        onChange={() => toggle(item.decisionId)}
                      />
                    </td>
                    <td>
                      {item.caseName} <span className="muted">MRN {item.caseMrn}</span>
                    </td>
                    <td>
                      <LevelBadge level={item.chosenLevel} />
                    </td>
                    <td>{item.authorName}</td>
                    <td className="nowrap">{formatInstant(item.submittedAt)}</td>
                    <td className="nowrap">{item.lastSentAt ? formatInstant(item.lastSentAt) : <span className="muted">Not sent</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="packets-actions">
            <button type="button" className="button-primary" disabled={picked.length === 0} onClick={() => setStep('audience')}>
              Save review packet…
            </button>
            <span className="muted" role="status">
              {picked.length === 0 ? 'Choose the decisions to send.' : `${plural(picked.length, 'decision')} chosen.`}
            </span>
          </div>
        </>
      )}
      {step === 'audience' && (
        <AudienceDialog
          what={`a review packet with ${plural(picked.length, 'decision')}`}
          onCancel={() => setStep('choose')}
          onChoose={(details) => {
            setDisclosure(details);
            setStep('passphrase');
          }}
        />
      )}
      {step === 'passphrase' && (
        <PassphraseDialog
          title="Encrypt the review packet"
          sealing
          submitLabel="Encrypt and save…"
          busyLabel="Encrypting…"
          onSubmit={send}
          onCancel={() => setStep('choose')}
        >
          <p className="hint">
            Only someone with this passphrase can open the packet. Tell it to the supervisor in person or by phone, never with the file.
          </p>
        </PassphraseDialog>
      )}
    </section>
  );
}
