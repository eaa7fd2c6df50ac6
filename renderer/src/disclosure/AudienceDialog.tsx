import { useState } from 'react';
import { disclosureSchema, type DisclosureDetails } from '../../../shared/contract/disclosures';
import { Dialog } from '../components/Dialog';
import { Field, FormAlert } from '../components/Field';
import { useFormErrors } from '../workflow/care/useFormErrors';

const FIELDS = ['recipient', 'purpose', 'consentReference'] as const;
type Audience = 'clinic' | 'outside';

interface Props {
  /** What is being saved, e.g. "the case review of MRN A-17 as a PDF". */
  readonly what: string;
  readonly onCancel: () => void;
  /** Null: for use within the clinic. Otherwise the details of the disclosure to record. */
  readonly onChoose: (disclosure: DisclosureDetails | null) => void;
}

/**
 * Before anything is saved: who is it for? Records leaving the clinic are a disclosure under 42 CFR part 2, so the
 * recipient, purpose and consent are asked for and recorded; every output carries the redisclosure notice.
 */
export function AudienceDialog({ what, onCancel, onChoose }: Props) {
  const [audience, setAudience] = useState<Audience>('clinic');
  const [values, setValues] = useState({ recipient: '', purpose: '', consentReference: '' });
  const errors = useFormErrors('disclosure', FIELDS);

  const submit = () => {
    if (audience === 'clinic') return onChoose(null);
    const parsed = disclosureSchema.safeParse(values);
    if (!parsed.success) return errors.showInvalid(parsed.error);
    onChoose(parsed.data);
  };
  const text = (field: (typeof FIELDS)[number], label: string, hint: string, max: number, multiline = false) => (
    <Field id={errors.idOf(field)} label={label} hint={hint} error={errors.fields[field]}>
      {(a11y) => {
        const common = {
          ...a11y,
          maxLength: max,
          value: values[field],
          onChange: (event: { target: { value: string } }) => {
            setValues((current) => ({ ...current, [field]: event.target.value }));
            errors.clearField(field);
          },
        };
        return multiline ? <textarea {...common} rows={2} /> : <input {...common} type="text" />;
      }}
    </Field>
  );

  return (
    <Dialog titleId="audience-title" onClose={onCancel}>
      <form
        noValidate
        className="stacked-form"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <h2 id="audience-title">Who is this for?</h2>
        <p className="hint">You are saving {what}. The 42 CFR part 2 redisclosure notice is printed on it either way.</p>
        <FormAlert message={errors.form} />
        <fieldset className="radio-group">
          <legend className="visually-hidden">Audience</legend>
          <label>
            <input type="radio" name="audience" checked={audience === 'clinic'} onChange={() => setAudience('clinic')} autoFocus /> Use within the
            clinic
          </label>
          <label>
            <input type="radio" name="audience" checked={audience === 'outside'} onChange={() => setAudience('outside')} /> Someone outside the clinic
            — record a disclosure
          </label>
        </fieldset>
        {audience === 'outside' && (
          <>
            {text('recipient', 'Recipient', 'The person or organisation receiving it, e.g. "Harbor Recovery Center, intake".', 200)}
            {text('purpose', 'Purpose', 'Why it is disclosed, e.g. "continuity of care after step-down".', 500, true)}
            {text(
              'consentReference',
              'Consent reference',
              'The signed consent form (its number or date), or the legal basis if no consent is needed, e.g. "medical emergency, § 2.51".',
              120,
            )}
            <p className="muted">The disclosure is entered in the patient's disclosure history and the audit log once the file is saved.</p>
          </>
        )}
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={onCancel}>
            Cancel <kbd>Esc</kbd>
          </button>
          <button type="submit" className="button-primary">
            Choose where to save…
          </button>
        </div>
      </form>
    </Dialog>
  );
}
