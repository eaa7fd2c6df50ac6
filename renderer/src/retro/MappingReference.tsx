import { useEffect, useRef } from 'react';
import { TEDS_LOS_RANGES, TEDS_REASON_INFO, TEDS_REASONS, TEDS_SETTING_INFO, TEDS_SETTINGS } from '../../../shared/teds/codes';
import { SETTING_LABELS, STAY_LABELS } from '../../../shared/teds/labels';
import { LevelBadge } from '../components/LevelBadge';
import { EPISODE_END_REASON_LABELS } from '../workflow/describe';
import { binRange } from './retroModel';

/** The exact days 1–30 in one row, then one row per range code. */
const STAY_ROWS: readonly { readonly codes: string; readonly days: string }[] = [
  { codes: '1–30', days: 'The exact number of days, 1 to 30' },
  ...Object.entries(TEDS_LOS_RANGES)
    .filter(([code]) => Number(code) > 30)
    .map(([code, range]) => ({ codes: code, days: binRange({ key: code, label: code, min: range.min, max: range.max }) })),
];

/** How Stepwise reads TEDS-D codes: settings to levels, REASON to end reasons, LOS codes to ranges of days. */
export function MappingReference() {
  const ref = useRef<HTMLDetailsElement>(null);
  // The PDF always holds the mapping: opened for printing, then put back as the person left it.
  useEffect(() => {
    let wasOpen = false;
    const beforePrint = () => {
      if (!ref.current) return;
      wasOpen = ref.current.open;
      ref.current.open = true;
    };
    const afterPrint = () => {
      if (ref.current) ref.current.open = wasOpen;
    };
    window.addEventListener('beforeprint', beforePrint);
    window.addEventListener('afterprint', afterPrint);
    return () => {
      window.removeEventListener('beforeprint', beforePrint);
      window.removeEventListener('afterprint', afterPrint);
    };
  }, []);
  return (
    <details ref={ref} className="retro-section retro-mapping" data-testid="retro-mapping">
      <summary>
        <h2>How TEDS-D codes are read</h2>
        <span className="muted"> settings → levels, reasons → end reasons, length-of-stay codes → days</span>
      </summary>
      <div className="retro-mapping-tables">
        <table className="chart-data-table">
          <caption>Settings (SERVICES, SERVICES_D) → Stepwise levels</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Code
              </th>
              <th scope="col">TEDS setting</th>
              <th scope="col">Labelled files write</th>
              <th scope="col">Stepwise level</th>
              <th scope="col">Withdrawal management</th>
            </tr>
          </thead>
          <tbody>
            {TEDS_SETTINGS.map((setting, index) => (
              <tr key={setting}>
                <td className="num">{setting}</td>
                <th scope="row">{TEDS_SETTING_INFO[setting].label}</th>
                <td>{SETTING_LABELS.shown[index] ?? '—'}</td>
                <td>
                  <LevelBadge level={TEDS_SETTING_INFO[setting].level} />
                </td>
                <td>{TEDS_SETTING_INFO[setting].withdrawalManagement ? 'Yes, detox' : 'No'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="chart-data-table">
          <caption>Reason for discharge (REASON) → Stepwise end reason</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Code
              </th>
              <th scope="col">TEDS reason</th>
              <th scope="col">Stepwise end reason</th>
            </tr>
          </thead>
          <tbody>
            {TEDS_REASONS.map((reason) => (
              <tr key={reason}>
                <td className="num">{reason}</td>
                <th scope="row">{TEDS_REASON_INFO[reason].label}</th>
                <td>{EPISODE_END_REASON_LABELS[TEDS_REASON_INFO[reason].endReason]}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="chart-data-table">
          <caption>Length of stay (LOS) → days</caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Days</th>
            </tr>
          </thead>
          <tbody>
            {STAY_ROWS.map((row) => (
              <tr key={row.codes}>
                <th scope="row">{row.codes}</th>
                <td>{row.days}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Labelled files</th>
              <td>{STAY_LABELS.shown.join(', ')}: ranges, read as written</td>
            </tr>
            <tr>
              <th scope="row">-9 or empty</th>
              <td>Not recorded (its own category, never guessed)</td>
            </tr>
          </tbody>
        </table>
      </div>
    </details>
  );
}
