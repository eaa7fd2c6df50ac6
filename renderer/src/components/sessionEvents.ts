import { onSessionEnded } from '../api/client';

/** `call` announces an ended session itself; the signed-in shell listens here to return to sign-in. */
export { onSessionEnded };
