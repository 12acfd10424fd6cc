// `npm test`: every proof, in order, each step timed. CI has 20 minutes, and the times printed
// at the end say where they went. The type check, the lint and the desktop build each keep about
// one core busy, so they run side by side; the unit and end-to-end tests take the whole machine
// and run one after another. The first failing step stops the run, after the steps beside it
// have finished and said their piece.
import { spawn } from 'node:child_process';

/** Steps of one stage run together; stages run in order. */
const STAGES = [['typecheck', 'lint', 'build'], ['test:unit'], ['test:e2e']];

function run(script, buffered) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('npm', ['run', '--silent', script], {
      stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      shell: process.platform === 'win32',
    });
    const output = [];
    if (buffered) {
      child.stdout.on('data', (chunk) => output.push(chunk));
      child.stderr.on('data', (chunk) => output.push(chunk));
    }
    child.on('close', (code, signal) => {
      // Side by side, each step's output is printed whole when it ends, never interleaved.
      if (buffered) process.stdout.write(Buffer.concat(output));
      resolve({
        script,
        output: buffered ? Buffer.concat(output).toString('utf8') : '',
        ok: code === 0,
        code: code ?? signal,
        seconds: (Date.now() - started) / 1000,
      });
    });
  });
}

const times = [];
const suiteStarted = Date.now();
let failed = null;
for (const stage of STAGES) {
  const buffered = stage.length > 1;
  if (buffered) console.log(`\n> ${stage.join(' + ')} (side by side)`);
  const results = await Promise.all(stage.map((script) => run(script, buffered)));
  times.push(...results);
  failed = results.find((result) => !result.ok) ?? null;
  if (failed) break;
}

console.log('\nnpm test, step by step:');
for (const { script, ok, seconds } of times)
  console.log(
    `  ${ok ? 'passed' : 'FAILED'}  ${script.padEnd(12)} ${seconds.toFixed(0).padStart(5)} s`,
  );
console.log(
  `  total               ${((Date.now() - suiteStarted) / 1000).toFixed(0).padStart(5)} s`,
);
if (failed) {
  // A CI log keeps only its tail, and the build beside a failed lint prints after it: say again
  // why the step failed, last.
  const why = failed.output.trimEnd().split('\n').slice(-40).join('\n');
  if (why) console.error(`\nThe end of what \`npm run ${failed.script}\` printed:\n${why}`);
  console.error(`\nnpm test stopped: \`npm run ${failed.script}\` failed (${failed.code}).`);
  process.exit(1);
}
