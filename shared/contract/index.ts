import type { z } from 'zod';
import { appInfoSchema, demoStatusSchema, emptyInputSchema, loadDemoOutputSchema, openExternalInputSchema, openExternalOutputSchema } from './app';
import { caseSummarySchema, createCaseInputSchema, listCasesInputSchema, listCasesOutputSchema } from './cases';
import type { Channel } from './channels';
import { rulesImpactInputSchema, rulesImpactOutputSchema } from './rules';

interface ChannelSpec {
  readonly input: z.ZodType;
  readonly output: z.ZodType;
}

/** The one IPC contract: every channel the renderer may call, with its input and output schemas. */
export const contract = {
  'app.info': { input: emptyInputSchema, output: appInfoSchema },
  'app.openExternal': { input: openExternalInputSchema, output: openExternalOutputSchema },
  'cases.list': { input: listCasesInputSchema, output: listCasesOutputSchema },
  'cases.create': { input: createCaseInputSchema, output: caseSummarySchema },
  'demo.status': { input: emptyInputSchema, output: demoStatusSchema },
  'demo.load': { input: emptyInputSchema, output: loadDemoOutputSchema },
  'rules.impact': { input: rulesImpactInputSchema, output: rulesImpactOutputSchema },
} as const satisfies Record<Channel, ChannelSpec>;

export type Contract = typeof contract;
/** What a caller passes (defaults may be omitted). */
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
/** What a handler receives after parsing. */
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export { CHANNELS, isChannel, type Channel } from './channels';
export * from './result';
