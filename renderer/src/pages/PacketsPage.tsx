import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { callOrThrow } from '../api/client';
import { formatInstant } from '../format/time';
import { useSession, userHasRole } from '../navigation';
import { OpenPacket } from '../packets/OpenPacket';
import { PacketConflicts } from '../packets/PacketConflicts';
import { ReceivedRequests } from '../packets/ReceivedRequests';
import { SendForReview } from '../packets/SendForReview';
import { plural } from '../workflow/describe';
import '../packets/packets.css';

/**
 * Review packets (docs/PACKETS.md): the review workflow between installations as encrypted files. A clinician sends
 * decisions for review and opens the sign-off that comes back; a supervisor on another computer opens the request,
 * reviews in the queue and sends the sign-off.
 */
export function PacketsPage() {
  const { user } = useSession();
  const queryClient = useQueryClient();
  // Reviews happen on other screens (the queue, a case): read afresh each time the screen opens.
  const overview = useQuery({ queryKey: ['packets.overview'], queryFn: () => callOrThrow('packets.overview', {}), refetchOnMount: 'always' });
  const [notice, setNotice] = useState<string | null>(null);
  const supervises = userHasRole(user, 'supervisor');

  const done = (message: string) => {
    setNotice(message);
    void queryClient.invalidateQueries();
  };
  const data = overview.data;
  return (
    <section className="page page-scroll" aria-labelledby="packets-title">
      <header className="page-header">
        <div>
          <h1 id="packets-title">Review packets</h1>
          <p className="packets-intro">
            When the supervisor reviews on another computer, decisions travel as an encrypted file — by USB stick, shared folder or e-mail — and the
            sign-off comes back the same way. Both sides type the passphrase the clinic shares for packets.
          </p>
        </div>
        <OpenPacket onOpened={done} />
      </header>
      {notice && (
        <div className="notice">
          <p role="status">{notice}</p>
          <button type="button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      {overview.error && (
        <p role="alert" className="form-error">
          {overview.error.message}
        </p>
      )}
      {data && (
        <>
          <PacketConflicts conflicts={data.conflicts} onResolved={done} />
          <SendForReview decisions={data.sendable} onSent={done} />
          {supervises && <ReceivedRequests requests={data.received} onSent={done} />}
          <section className="packets-section" aria-labelledby="sent-title">
            <h2 id="sent-title">Review requests sent</h2>
            {data.sent.length === 0 ? (
              <p className="muted">None yet.</p>
            ) : (
              <div className="table-frame">
                <table className="data-table" aria-label="Review requests sent, newest first">
                  <thead>
                    <tr>
                      <th scope="col">Saved</th>
                      <th scope="col">By</th>
                      <th scope="col">Decisions</th>
                      <th scope="col">Answer</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.sent.map((sent) => (
                      <tr key={sent.packetId}>
                        <td className="nowrap">{formatInstant(sent.sentAt)}</td>
                        <td>{sent.sentByName}</td>
                        <td className="numeric">{sent.decisions}</td>
                        <td>
                          {sent.signOffs === 0
                            ? 'No sign-off opened yet'
                            : `${plural(sent.signOffs, 'sign-off')} opened${sent.waiting > 0 ? ` · ${sent.waiting} still waiting for review` : ' · all reviewed'}`}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </section>
  );
}
