/** No TEDS-D file imported yet: what the report is for and how to get one in. */
export function RetroEmptyState({ onImport }: { readonly onImport: () => void }) {
  return (
    <div className="empty-state retro-empty">
      <h2>No TEDS-D dataset yet</h2>
      <p>
        The retrospective review reads a TEDS-D discharge file (SAMHSA&apos;s Treatment Episode Data Set – Discharges): one record per discharge, with
        the setting at admission and at discharge, the reason for discharge and the length of stay. It counts records by setting, shows how admissions
        moved to discharge settings, the outcomes and stays by setting, and how often the setting matches what Stepwise&apos;s rules recommend from
        the few fields the file holds.
      </p>
      <p>
        Import the file first: on the Import screen choose <strong>TEDS-D discharges (retrospective)</strong>, then the CSV file, coded (CASEID,
        SERVICES, …) or labelled. Only the columns the review uses are kept.
      </p>
      <div className="empty-actions">
        <button type="button" className="button-primary" onClick={onImport}>
          Import a TEDS-D file
        </button>
      </div>
    </div>
  );
}
