import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { productionMenuTemplate, ROLES_NOT_IN_PRODUCTION } from '../../../electron/security/appMenu';

function flatten(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

describe('the packaged app’s menu', () => {
  it.each(['darwin', 'win32', 'linux'] as const)('on %s offers no reload and no developer tools', (platform) => {
    const items = flatten(productionMenuTemplate(platform));
    const roles = items.map((item) => item.role).filter((role) => role !== undefined);
    expect(roles.filter((role) => ROLES_NOT_IN_PRODUCTION.includes(role))).toEqual([]);
    expect(ROLES_NOT_IN_PRODUCTION).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
    expect(items.some((item) => item.click !== undefined || item.accelerator !== undefined)).toBe(false);
  });

  it.each(['darwin', 'win32', 'linux'] as const)('on %s still lets people copy, paste, zoom and quit', (platform) => {
    const roles = flatten(productionMenuTemplate(platform)).map((item) => item.role);
    expect(roles).toEqual(expect.arrayContaining(['copy', 'paste', 'selectAll', 'zoomIn', 'resetZoom', 'quit']));
  });
});
