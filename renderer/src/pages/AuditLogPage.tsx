/** The administrator's audit log: built in its own change. */
export function AuditLogPage() {
  return (
    <section className="page page-scroll" aria-labelledby="audit-title">
      <header className="page-header">
        <h1 id="audit-title">Audit log</h1>
      </header>
    </section>
  );
}
