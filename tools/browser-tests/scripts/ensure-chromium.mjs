// The browser tests drive Debian's Chromium (never a test tool's own browser download). On a
// fresh Debian machine where we are root, install it; otherwise say exactly what is missing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.KOKORO_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    console.error(
      `browser tests: ${CHROMIUM} is missing. Install Debian's chromium (apt-get install chromium) or set KOKORO_CHROMIUM.`,
    );
    process.exit(1);
  }
  console.error('browser tests: installing Debian chromium (apt-get)…');
  const apt = { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  // Test tasks run in parallel: one apt-get at a time (flock), and the package is checked again
  // once the lock is ours (another task may have installed it meanwhile).
  const script =
    `test -x ${CHROMIUM} || (apt-get -o DPkg::Lock::Timeout=600 update -qq && ` +
    `apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium)`;
  execFileSync('flock', ['/tmp/kokoro-kit-apt.lock', 'sh', '-c', script], apt);
}
