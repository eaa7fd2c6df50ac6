import type { RetroReport } from '../../../shared/contract/retro';
import { LevelBadge } from '../components/LevelBadge';
import { formatCount, NOT_RECORDED, settingRows } from './retroModel';

/** The eight TEDS settings, the Stepwise level each maps to, and how many records were admitted to and discharged from it. */
export function SettingsSection({ report }: { readonly report: RetroReport }) {
  const rows = settingRows(report);
  const admissions = rows.reduce((sum, row) => sum + row.admissions, 0) + report.missingSetting.admission;
  const discharges = rows.reduce((sum, row) => sum + row.discharges, 0) + report.missingSetting.discharge;
  return (
    <section className="retro-section" aria-labelledby="retro-settings-title" data-testid="retro-settings">
      <h2 id="retro-settings-title">Settings</h2>
      <p className="chart-caption">
        The treatment setting of each record when it was admitted and when it was discharged (TEDS SERVICES and SERVICES_D), and the Stepwise level
        each setting counts as. A record is one discharge: the same person may appear in several records.
      </p>
      <table className="chart-data-table retro-settings-table">
        <caption className="visually-hidden">Records by TEDS setting at admission and at discharge</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Code
            </th>
            <th scope="col">TEDS setting</th>
            <th scope="col">Stepwise level</th>
            <th scope="col">Withdrawal management</th>
            <th scope="col" className="num">
              Admitted to it
            </th>
            <th scope="col" className="num">
              Discharged from it
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.setting} className={row.admissions + row.discharges === 0 ? 'retro-row-empty' : undefined}>
              <td className="num">{row.setting}</td>
              <th scope="row">{row.label}</th>
              <td>
                <LevelBadge level={row.level} />
              </td>
              <td>{row.withdrawalManagement ? <strong className="retro-wm">Yes, detox</strong> : <span className="muted">No</span>}</td>
              <td className="num">{formatCount(row.admissions)}</td>
              <td className="num">{formatCount(row.discharges)}</td>
            </tr>
          ))}
          <tr className="retro-row-missing">
            <td className="num">
              <span className="muted">—</span>
            </td>
            <th scope="row">{NOT_RECORDED}</th>
            <td colSpan={2}>
              <span className="muted">No setting in the record: counted here only</span>
            </td>
            <td className="num">{formatCount(report.missingSetting.admission)}</td>
            <td className="num">{formatCount(report.missingSetting.discharge)}</td>
          </tr>
        </tbody>
        <tfoot>
          <tr>
            <td />
            <th scope="row" colSpan={3}>
              All records
            </th>
            <td className="num">{formatCount(admissions)}</td>
            <td className="num">{formatCount(discharges)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
