import { useEffect, useRef } from 'react';
import { call } from '../api/client';

/** What counts as someone at the keyboard. */
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;
/** The main process hears of activity at most this often; it locks on its own a minute after the window would. */
const REPORT_EVERY_MS = 30_000;
const CHECK_EVERY_MS = 5_000;

/**
 * Locks the session after `minutes` without keyboard, mouse or touch activity. Activity is reported to the main
 * process now and then, so its own timer (the backstop) does not lock a session someone is using.
 */
export function useAutoLock(minutes: number | null, onIdle: () => void): void {
  const idleHandler = useRef(onIdle);
  useEffect(() => {
    idleHandler.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    if (minutes === null) return undefined;
    let lastActivity = Date.now();
    let lastReport = lastActivity;
    let locked = false;
    const active = () => {
      const now = Date.now();
      lastActivity = now;
      if (now - lastReport >= REPORT_EVERY_MS) {
        lastReport = now;
        void call('auth.activity', {});
      }
    };
    const check = () => {
      if (locked || Date.now() - lastActivity < minutes * 60_000) return;
      locked = true;
      idleHandler.current();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, active, { passive: true, capture: true });
    const timer = window.setInterval(check, CHECK_EVERY_MS);
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, active, { capture: true });
      window.clearInterval(timer);
    };
  }, [minutes]);
}
