import type { HandlerMap } from '../registry';
import { appHandlers } from './app';
import { casesHandlers } from './cases';
import { demoHandlers } from './demo';
import { rulesHandlers } from './rules';

/** Every channel's handler, grouped by domain and registered here in one place. */
export const handlers: HandlerMap = { ...appHandlers, ...casesHandlers, ...demoHandlers, ...rulesHandlers };
