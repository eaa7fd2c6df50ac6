import { useId } from 'react';
import type { RetroDataset } from '../../../shared/contract/retro';
import { formatInstant } from '../workflow/dates';
import { recordsCount } from './retroModel';
import { datasetOption, FORMAT_LABELS, RETRO_CAVEAT, yearsText } from './retroWording';

interface Props {
  /** Newest first. */
  readonly datasets: readonly RetroDataset[];
  readonly current: RetroDataset | null;
  readonly onChoose: (datasetId: string) => void;
  readonly onImport: () => void;
}

/** Which imported file the report counts, what it holds, and the standing caveat about what TEDS-D cannot tell. */
export function DatasetHeader({ datasets, current, onChoose, onImport }: Props) {
  const selectId = useId();
  return (
    <div className="retro-header">
      <div className="retro-dataset">
        <div className="retro-inline-field retro-dataset-field">
          <label htmlFor={selectId}>Dataset</label>
          <select id={selectId} value={current?.id ?? ''} onChange={(event) => onChoose(event.target.value)}>
            {datasets.map((dataset) => (
              <option key={dataset.id} value={dataset.id}>
                {datasetOption(dataset)}
              </option>
            ))}
          </select>
          <button type="button" className="link-button retro-import-link" onClick={onImport}>
            Import another TEDS-D file…
          </button>
        </div>
        {current && (
          <p className="retro-dataset-facts">
            <strong>{recordsCount(current.records)}</strong> discharged in {yearsText(current.dischargeYears)}, from{' '}
            <span className="retro-file-name">{current.fileName}</span>, a {FORMAT_LABELS[current.format]} TEDS-D file imported{' '}
            {formatInstant(current.importedAt)} by {current.importedBy}.
          </p>
        )}
      </div>
      <p className="retro-caveat" role="note">
        <strong>What this data can tell. </strong>
        {RETRO_CAVEAT}
      </p>
    </div>
  );
}
