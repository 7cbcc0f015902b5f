// The encoder tests decode every stream with Debian's ffmpeg/ffprobe, an independent decoder.
// On a fresh Debian machine where we are root, install them; otherwise say exactly what is missing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const FFMPEG = process.env.KOKORO_FFMPEG ?? '/usr/bin/ffmpeg';
const FFPROBE = process.env.KOKORO_FFPROBE ?? '/usr/bin/ffprobe';
if (!existsSync(FFMPEG) || !existsSync(FFPROBE)) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    console.error(
      `audio-encode tests: ${FFMPEG} or ${FFPROBE} is missing. Install Debian's ffmpeg (apt-get install ffmpeg) or set KOKORO_FFMPEG and KOKORO_FFPROBE.`,
    );
    process.exit(1);
  }
  console.error('audio-encode tests: installing Debian ffmpeg (apt-get)…');
  const apt = { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  // Test tasks run in parallel: one apt-get at a time (flock), and the package is checked again
  // once the lock is ours (another task may have installed it meanwhile).
  const script =
    `test -x ${FFMPEG} || (apt-get -o DPkg::Lock::Timeout=600 update -qq && ` +
    `apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends ffmpeg)`;
  execFileSync('flock', ['/tmp/kokoro-kit-apt.lock', 'sh', '-c', script], apt);
}
