export const CASE_STATUSES = ['active', 'discharged'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A medical record number: letters, digits and - _ . / (clinics format them differently). */
export const MRN_PATTERN = /^[A-Za-z0-9][A-Za-z0-9\-_./]{0,31}$/;

/** Demo rows are marked so they can never be mistaken for real patients. */
export const SYNTHETIC_MRN_PREFIX = 'DEMO-';
