import { z } from 'zod';

export const emptyInputSchema = z
  .strictObject({})
  .optional()
  .transform(() => ({}));

export const appInfoSchema = z.object({
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  databaseFile: z.string(),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const openExternalInputSchema = z.strictObject({
  url: z.string({ error: 'The link address is missing.' }).max(2048, 'The link address is too long.'),
});

export const openExternalOutputSchema = z.object({ opened: z.boolean() });

export const demoStatusSchema = z.object({
  totalCases: z.number().int().min(0),
  syntheticCases: z.number().int().min(0),
});
export type DemoStatus = z.infer<typeof demoStatusSchema>;

export const loadDemoOutputSchema = z.object({ created: z.number().int().min(0) });
