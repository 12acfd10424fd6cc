import { readFileSync } from 'node:fs';
import { validateWorkflow } from '@action-validator/core';
import { getConfig } from 'app-builder-lib/out/util/config/config';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

// The workflow that proves the desktop app on GitHub's runners cannot run here: its schema is
// checked by `npm run lint:workflows`, and what it must prove is checked below.
const source = readFileSync('.github/workflows/desktop.yml', 'utf8');

interface Step {
  readonly name?: string;
  readonly run?: string;
  readonly uses?: string;
  readonly if?: string;
}
interface Job {
  readonly 'runs-on': string;
  readonly env?: Record<string, string>;
  readonly strategy?: { readonly matrix: { readonly include: Record<string, string>[] } };
  readonly steps: Step[];
}
const workflow = parse(source) as { jobs: Record<string, Job> };
const jobs = Object.values(workflow.jobs);
const runs = (job: Job) => job.steps.flatMap((step) => (step.run ? [step.run] : []));
function job(name: string): Job {
  const found = workflow.jobs[name];
  if (!found) throw new Error(`the workflow has no job '${name}'`);
  return found;
}
const linux = job('linux');
const windows = job('windows');

describe('the desktop workflow', () => {
  it('passes the GitHub Actions schema, and the schema check does catch a broken file', () => {
    expect(validateWorkflow(source).errors).toEqual([]);
    const broken = source.replace('runs-on: windows-2022', 'runs_on: windows-2022');
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  it('runs on Windows x64, Ubuntu x64 and Ubuntu arm64 runners', () => {
    expect(linux.strategy?.matrix.include).toEqual([
      { runner: 'ubuntu-24.04', arch: 'x64' },
      { runner: 'ubuntu-24.04-arm', arch: 'arm64' },
    ]);
    expect(windows['runs-on']).toMatch(/^windows-/);
  });

  it('installs as the README says, with the binary, and requires the Electron suite', () => {
    for (const job of jobs) {
      expect(job.env?.REQUIRE_ELECTRON).toBe('1');
      expect(runs(job)).toContain('npm install --no-audit --no-fund');
      expect(source).not.toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD|--ignore-scripts/);
    }
    expect(runs(linux)).toContain('xvfb-run --auto-servernum npm test');
    expect(runs(windows)).toContain('npx playwright test --project electron');
  });

  it('builds every installer electron-builder.yml describes and keeps them as artifacts', async () => {
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
    const targets = (list: unknown) =>
      (list as { target: string }[]).map((entry) => entry.target).join(' ');
    expect(runs(linux)).toContain(
      `npx electron-builder --linux ${targets(config.linux?.target)} --\${{ matrix.arch }} --publish never`,
    );
    expect(runs(windows)).toContain(
      `npx electron-builder --win ${targets(config.win?.target)} --x64 --publish never`,
    );
    const uploads = jobs.flatMap((job) =>
      job.steps.filter((step) => step.uses?.startsWith('actions/upload-artifact') && !step.if),
    );
    expect(uploads).toHaveLength(2);
  });
});
