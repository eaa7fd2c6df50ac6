import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// electron-builder flips these Electron fuses with @electron/fuses after packing (`npm run dist`).
// Packaging cannot run on the offline build machine (no Electron runtime download), so this test pins
// the configuration that does it. Option names are electron-builder 26's FuseOptionsV1 (app-builder-lib/scheme.json).
const CONFIG_FILE = new URL('../../../build/electron-builder.yml', import.meta.url);

interface BuilderConfig {
  asar?: unknown;
  asarUnpack?: unknown;
  npmRebuild?: unknown;
  electronFuses?: unknown;
  files?: unknown;
}

function readConfig(): BuilderConfig {
  return parse(fs.readFileSync(CONFIG_FILE, 'utf8')) as BuilderConfig;
}

describe('build/electron-builder.yml: Electron fuses', () => {
  it('flips exactly the reviewed fuses', () => {
    expect(readConfig().electronFuses).toStrictEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('uses only option names that electron-builder 26 knows', () => {
    const scheme = JSON.parse(fs.readFileSync(createRequire(import.meta.url).resolve('app-builder-lib/scheme.json'), 'utf8')) as {
      definitions: { FuseOptionsV1: { properties: Record<string, { type: string }> } };
    };
    const known = scheme.definitions.FuseOptionsV1.properties;
    for (const name of Object.keys(readConfig().electronFuses as object)) {
      expect(known, `electronFuses.${name}`).toHaveProperty(name);
      expect(known[name]?.type).toBe('boolean');
    }
  });
});

describe('build/electron-builder.yml: the app archive', () => {
  it('packs the app into an asar archive, which onlyLoadAppFromAsar and asar integrity rely on', () => {
    expect(readConfig().asar).toBe(true);
  });

  it('unpacks the native modules, which cannot load from inside the archive', () => {
    expect(readConfig().asarUnpack).toEqual(expect.arrayContaining(['node_modules/better-sqlite3-multiple-ciphers/**', 'node_modules/@node-rs/**']));
  });

  it('does not rebuild native modules (their Node-API prebuilds load in Electron as they are)', () => {
    expect(readConfig().npmRebuild).toBe(false);
  });
});
