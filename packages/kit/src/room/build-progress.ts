// What a learner sees while the first `go install` of livekit-server runs (a few minutes).
import { pc } from '../colors.js';

export function serverBuildProgress(json: boolean): (line: string) => void {
  let packages = 0;
  const started = Date.now();
  return (line) => {
    if (packages === 0) {
      process.stderr.write(
        pc.dim(
          'No livekit-server found: building it from its Go module (the first build takes a few minutes)…\n',
        ),
      );
    }
    packages += 1;
    const status = `  ${Math.round((Date.now() - started) / 1000)}s, ${packages} packages: ${line}`.slice(
      0,
      100,
    );
    if (process.stderr.isTTY && !json) process.stderr.write(`\r\x1b[K${pc.dim(status)}`);
    else if (packages % 50 === 0) process.stderr.write(`${status}\n`);
  };
}
