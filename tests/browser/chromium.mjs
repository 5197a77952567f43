// How every browser run here starts Debian's Chromium: headless, and without the
// background networking that this machine's closed network would refuse.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launch options for Debian's Chromium (or $CHROMIUM) with `profile` as its
 *  temporary and home directory. */
export function launchOptions(profile, timeout) {
  return {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    env: { ...process.env, TMPDIR: profile, HOME: profile },
    timeout,
  };
}
