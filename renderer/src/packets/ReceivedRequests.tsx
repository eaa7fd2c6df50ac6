import { useState } from 'react';
import type { DisclosureDetails } from '../../../shared/contract/disclosures';
import type { PacketsOverview } from '../../../shared/contract/packets';
import { call } from '../api/client';
import { AudienceDialog } from '../disclosure/AudienceDialog';
import { formatInstant } from '../format/time';
import { useSession } from '../navigation';
import { plural } from '../workflow/describe';
import { PassphraseDialog } from './PassphraseDialog';

type Received = PacketsOverview['received'][number];

interface Props {
  readonly requests: readonly Received[];
  readonly onSent: (message: string) => void;
}

/** Review requests imported here: how far the review is, and the sign-off to send back. */
export function ReceivedRequests({ requests, onSent }: Props) {
  const { navigate } = useSession();
  const [answering, setAnswering] = useState<Received | null>(null);
  const [step, setStep] = useState<'audience' | 'passphrase' | null>(null);
  const [disclosure, setDisclosure] = useState<DisclosureDetails | null>(null);

  const close = () => {
    setStep(null);
    setAnswering(null);
  };
  const send = async (passphrase: string): Promise<string | null> => {
    if (!answering) return null;
    const result = await call('packets.exportSignOff', { requestPacketId: answering.packetId, passphrase, disclosure });
    if (!result.ok) return result.error.message;
    close();
    if (!result.value.saved) return null;
    const { approved, returned, waiting, reviewedByOthers } = result.value;
    const left = [
      waiting > 0 ? `${plural(waiting, 'decision')} still waiting for review will go in a later sign-off` : null,
      reviewedByOthers > 0 ? `${plural(reviewedByOthers, 'decision')} reviewed by another supervisor are for them to send` : null,
    ].filter((text): text is string => text !== null);
    onSent(
      `Saved ${result.value.fileName ?? 'the sign-off'}: ${plural(approved, 'approval')} and ${plural(returned, 'return')}, encrypted with the clinic passphrase. ` +
        `Give it to the clinician who sent the request.${left.length > 0 ? ` ${left.join('; ')}.` : ''}`,
    );
    return null;
  };

  return (
    <section className="packets-section" aria-labelledby="received-title">
      <h2 id="received-title">Review requests received</h2>
      {requests.length === 0 ? (
        <p className="muted">No review request has been opened here. Use “Open a packet…” with the file a clinician gave you.</p>
      ) : (
        <div className="table-frame">
          <table className="data-table" aria-label="Review requests received, newest first">
            <thead>
              <tr>
                <th scope="col">Opened</th>
                <th scope="col">From</th>
                <th scope="col">Decisions</th>
                <th scope="col">Review</th>
                <th scope="col">Sign-offs sent</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {requests.map((request) => (
                <tr key={request.packetId}>
                  <td className="nowrap">{formatInstant(request.importedAt)}</td>
                  <td>{request.authors.join(', ')}</td>
                  <td className="numeric">{request.decisions}</td>
                  <td>
                    {request.waiting > 0 ? `${request.waiting} waiting` : 'All reviewed'}
                    {request.reviewedByYou > 0 && <span className="muted"> · {request.reviewedByYou} by you</span>}
                    {request.reviewedByOthers > 0 && <span className="muted"> · {request.reviewedByOthers} by others</span>}
                  </td>
                  <td className="numeric">{request.signOffsSent}</td>
                  <td className="row-actions">
                    {request.waiting > 0 && (
                      <button type="button" className="link-button" onClick={() => navigate({ page: 'queue' })}>
                        Review in the queue
                      </button>
                    )}
                    {request.reviewedByYou === 0 ? (
                      <span className="muted">Nothing reviewed by you yet</span>
                    ) : (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => {
                          setAnswering(request);
                          setStep('audience');
                        }}
                      >
                        Save sign-off…
                        <span className="visually-hidden">
                          {' '}
                          for the request from {request.authors.join(', ')} opened {formatInstant(request.importedAt)}
                        </span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {answering && step === 'audience' && (
        <AudienceDialog
          what={`a sign-off packet with your ${plural(answering.reviewedByYou, 'review')}`}
          onCancel={close}
          onChoose={(details) => {
            setDisclosure(details);
            setStep('passphrase');
          }}
        />
      )}
      {answering && step === 'passphrase' && (
        <PassphraseDialog
          title="Encrypt the sign-off"
          sealing
          submitLabel="Encrypt and save…"
          busyLabel="Encrypting…"
          onSubmit={send}
          onCancel={close}
        >
          <p className="hint">Use the clinic passphrase the request came with. The sign-off names you as the reviewer.</p>
        </PassphraseDialog>
      )}
    </section>
  );
}
