import type { DimensionName } from '../rules/assessment';

/**
 * One-line anchor texts for each rating 0-4, in our own words (not licensed criteria text), so that
 * clinicians rate the six dimensions the same way.
 */
export const DIMENSION_ANCHORS: Readonly<Record<DimensionName, readonly [string, string, string, string, string]>> = {
  withdrawal: [
    'No withdrawal signs or risk.',
    'Mild discomfort expected; manageable at home.',
    'Moderate symptoms likely; needs regular monitoring.',
    'Significant withdrawal likely; needs daily medical oversight.',
    'Severe or dangerous withdrawal (seizure, delirium risk); needs constant medical care.',
  ],
  biomedical: [
    'No physical health problems affecting treatment.',
    'Minor health issues, managed with usual care.',
    'Health problems that need attention alongside treatment.',
    'Serious health problems that limit outpatient treatment.',
    'Unstable physical condition needing round-the-clock medical care.',
  ],
  psychiatric: [
    'No mental health symptoms affecting treatment.',
    'Mild symptoms; stable and managed.',
    'Moderate symptoms that interfere with daily life or treatment.',
    'Severe symptoms needing close psychiatric monitoring.',
    'Acute danger to self or others, or unable to care for self.',
  ],
  readiness: [
    'Engaged and committed to change.',
    'Willing, with some ambivalence.',
    'Ambivalent; attends with encouragement.',
    'Little interest in change; engagement depends on outside pressure.',
    'Refuses treatment or denies any problem.',
  ],
  relapse: [
    'Low risk; strong coping skills and a long period of stability.',
    'Some risk; coping skills mostly effective.',
    'Moderate risk; coping skills limited under stress.',
    'High risk; recent relapse or frequent cravings.',
    'Continuous use or immediate relapse without structure.',
  ],
  environment: [
    'Supportive, substance-free home and network.',
    'Mostly supportive; minor stressors.',
    'Mixed support; some exposure to use at home or work.',
    'Unsupportive or unstable environment; frequent exposure to use.',
    'Dangerous or hostile environment; no safe place to recover.',
  ],
};
