import type { MenuItemConstructorOptions } from 'electron';

type Role = NonNullable<MenuItemConstructorOptions['role']>;

/** Roles a packaged app never offers: reloading drops the session mid-edit, and DevTools open the renderer up. */
export const ROLES_NOT_IN_PRODUCTION: readonly Role[] = ['reload', 'forceReload', 'toggleDevTools'];

const EDIT: MenuItemConstructorOptions = {
  label: 'Edit',
  submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
};

const VIEW: MenuItemConstructorOptions = {
  label: 'View',
  submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
};

/** The packaged app's menu: editing, zoom and quitting, with no reload and no developer tools. */
export function productionMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  if (platform === 'darwin') {
    return [
      {
        label: 'Stepwise',
        submenu: [
          { role: 'about' },
          { type: 'separator' },
          { role: 'hide' },
          { role: 'hideOthers' },
          { role: 'unhide' },
          { type: 'separator' },
          { role: 'quit' },
        ],
      },
      EDIT,
      VIEW,
      { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] },
    ];
  }
  return [{ label: 'File', submenu: [{ role: 'quit' }] }, EDIT, VIEW];
}
