import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { CHANNELS, IPC_INVOKE_CHANNEL, isChannel } from '../../../shared/contract/channels';
import { contract, CHANNELS as REEXPORTED_CHANNELS, isChannel as reexportedIsChannel } from '../../../shared/contract/index';

describe('CHANNELS', () => {
  it('lists exactly the channels of the contract, in the same order', () => {
    expect(Object.keys(contract)).toEqual([...CHANNELS]);
  });

  it('has no duplicates', () => {
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
  });

  it('names every channel as <area>.<action>', () => {
    for (const channel of CHANNELS) expect(channel).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
  });

  it('is re-exported unchanged from the contract module', () => {
    expect(REEXPORTED_CHANNELS).toBe(CHANNELS);
    expect(reexportedIsChannel).toBe(isChannel);
  });
});

describe('isChannel', () => {
  it.each([...CHANNELS])('accepts %s', (channel) => {
    expect(isChannel(channel)).toBe(true);
  });

  it.each([
    'cases.delete',
    '',
    'APP.INFO',
    ' app.info',
    'app.info ',
    'app',
    'app.',
    IPC_INVOKE_CHANNEL,
    'toString',
    'constructor',
    '__proto__',
    'hasOwnProperty',
  ])('rejects the unknown name %j', (name) => {
    expect(isChannel(name)).toBe(false);
  });

  it.each([undefined, null, 0, 1, true, {}, { toString: () => 'app.info' }, Symbol('app.info')])('rejects the non-string %s', (value) => {
    expect(isChannel(value)).toBe(false);
  });
});

describe('isChannel on arrays', () => {
  it('rejects an array holding a channel name', () => {
    expect(isChannel(['app.info'])).toBe(false);
    expect(isChannel([])).toBe(false);
  });
});

describe('contract', () => {
  it.each(Object.entries(contract))('%s has zod input and output schemas and declares who may call it', (_name, spec) => {
    expect(Object.keys(spec).sort()).toEqual(['access', 'input', 'output']);
    expect(spec.access === 'public' || spec.access === 'signed-in' || (Array.isArray(spec.access) && spec.access.length > 0)).toBe(true);
    expect(spec.input).toBeInstanceOf(z.ZodType);
    expect(spec.output).toBeInstanceOf(z.ZodType);
    expect(spec.input.safeParse(Symbol('not an input'))).toMatchObject({ success: false });
    expect(spec.output.safeParse(Symbol('not an output'))).toMatchObject({ success: false });
  });

  it('uses a single invoke channel that is not itself a contract channel', () => {
    expect(IPC_INVOKE_CHANNEL).toBe('stepwise:invoke');
    expect(Object.keys(contract)).not.toContain(IPC_INVOKE_CHANNEL);
  });

  it.each(['app.info', 'demo.status', 'demo.load'] as const)('%s takes no input: nothing or {} parse to {}, anything else is refused', (channel) => {
    const input = contract[channel].input;
    expect(input.parse(undefined)).toEqual({});
    expect(input.parse({})).toEqual({});
    expect(input.safeParse({ extra: 1 }).success).toBe(false);
    expect(input.safeParse('x').success).toBe(false);
    expect(input.safeParse(null).success).toBe(false);
  });

  it('app.openExternal takes exactly one url of at most 2048 characters', () => {
    const input = contract['app.openExternal'].input;
    expect(input.parse({ url: 'https://www.samhsa.gov/' })).toEqual({ url: 'https://www.samhsa.gov/' });
    expect(input.safeParse({ url: `https://x.gov/${'a'.repeat(2048 - 14)}` }).success).toBe(true);
    expect(input.safeParse({ url: `https://x.gov/${'a'.repeat(2048 - 13)}` }).success).toBe(false);
    expect(input.safeParse({}).success).toBe(false);
    expect(input.safeParse({ url: 42 }).success).toBe(false);
    expect(input.safeParse({ url: 'https://www.samhsa.gov/', target: '_blank' }).success).toBe(false);
  });
});
