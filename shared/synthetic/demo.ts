/** The demo caseload offered on first start: fixed seed, fixed size, so every install sees the same data. */
export const DEMO_SEED = 20260301;
export const DEMO_CASELOAD_SIZE = 60;
