import type { CreateCaseInput } from '../../shared/contract/cases';

let counter = 0;

/** A valid new-case request; override only what a test is about. */
export function makeCaseInput(overrides: Partial<CreateCaseInput> = {}): CreateCaseInput {
  counter += 1;
  return {
    mrn: `MRN-${String(counter).padStart(5, '0')}`,
    fullName: `Test Person ${counter}`,
    dateOfBirth: '1985-06-15',
    payer: 'Test payer',
    program: 'Test Clinic',
    ...overrides,
  };
}
