/**
 * `npm run lint:electron`: Electronegativity over the main process and preload, offline, failing
 * on any finding that .electronegativity.json does not explain, on any file it could not parse,
 * and on any explanation that no longer matches a finding (so the list cannot go stale).
 *
 * The CSP is sent as a header built at run time, which the scanner cannot read from source; the
 * real header text is therefore handed to it as a page of its own, for its CSP evaluator.
 */
import run from '@doyensec/electronegativity';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { contentSecurityPolicyHeader } from '../main/csp';

const ConfigSchema = z
  .object({
    excludeChecks: z.array(z.object({ check: z.string(), reason: z.string().min(20) }).strict()),
    accepted: z.array(
      z.object({ check: z.string(), file: z.string(), reason: z.string().min(20) }).strict(),
    ),
  })
  .strict();

const root = process.cwd();
const config = ConfigSchema.parse(
  JSON.parse(readFileSync(join(root, '.electronegativity.json'), 'utf8')),
);
const electronVersion = z
  .object({ version: z.string() })
  .parse(
    JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')),
  ).version;

const input = mkdtempSync(join(tmpdir(), 'electronegativity-'));
try {
  cpSync(join(root, 'electron/main'), join(input, 'main'), { recursive: true });
  cpSync(join(root, 'electron/preload'), join(input, 'preload'), { recursive: true });
  const csp = contentSecurityPolicyHeader('https://platform.example.gov.cn');
  writeFileSync(
    join(input, 'csp-header.html'),
    `<!doctype html><meta http-equiv="Content-Security-Policy" content="${csp}">`,
  );

  const result = await run(
    {
      input,
      isRelative: true,
      isVerbose: false,
      electronVersionOverride: electronVersion,
      excludeFromScan: config.excludeChecks.map((e) => e.check),
    },
    false,
  );

  // Each explanation covers one finding, so a second window built the same way is not waved by.
  const unused = [...config.accepted];
  const unexplained = result.issues.filter((issue) => {
    const at = unused.findIndex((a) => a.check === issue.id && a.file === issue.file);
    if (at < 0) return true;
    unused.splice(at, 1);
    return false;
  });
  const unparsed = result.errors.filter((e) => !e.tolerable);

  console.log(
    `electronegativity (Electron ${electronVersion}): ${result.globalChecks + result.atomicChecks} checks, ` +
      `${result.issues.length} findings, ${result.issues.length - unexplained.length} explained in .electronegativity.json`,
  );
  for (const issue of unexplained) {
    console.error(
      `  ${issue.id} ${issue.file}:${issue.location.line}:${issue.location.column} ` +
        `[${issue.severity.name}/${issue.confidence.name}] ${issue.description}`,
    );
  }
  for (const a of unused) console.error(`  stale explanation: ${a.check} in ${a.file}`);
  for (const e of unparsed)
    console.error(`  not scanned: ${relative(input, e.file)}: ${e.message}`);
  process.exitCode = unexplained.length + unused.length + unparsed.length > 0 ? 1 : 0;
} finally {
  rmSync(input, { recursive: true, force: true });
}
