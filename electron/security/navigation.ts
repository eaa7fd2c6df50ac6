import { isAppUrl } from './appOrigin';
import { isAllowedExternalUrl } from './externalLinks';

export type NavigationDecision = 'allow' | 'deny';

/** The window may only move between pages of the app itself; everything else is refused. */
export function decideNavigation(url: string): NavigationDecision {
  return isAppUrl(url) ? 'allow' : 'deny';
}

export interface WindowOpenDecision {
  readonly action: 'deny';
  /** An allow-listed https link goes to the system browser instead of a new app window. */
  readonly openInSystemBrowser: boolean;
}

/** The app never opens a second window. */
export function decideWindowOpen(url: string): WindowOpenDecision {
  return { action: 'deny', openInSystemBrowser: isAllowedExternalUrl(url) };
}

/** No camera, microphone, location, notifications, clipboard reads or any other permission. */
export function decidePermission(_permission: string): boolean {
  return false;
}

/** Requests from the renderer may reach only the app's own files (and inline data: images). */
export function decideRequest(url: string): 'allow' | 'block' {
  if (isAppUrl(url)) return 'allow';
  if (url.startsWith('data:') || url.startsWith('devtools:')) return 'allow';
  return 'block';
}
