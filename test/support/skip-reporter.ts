import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** Ends the run with the name and reason of every test that did not run, so none is silent. */
export default class SkipReporter implements Reporter {
  private readonly skipped: string[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const reason =
      test.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given';
    this.skipped.push(`  - ${test.titlePath().slice(1).join(' › ')}: ${reason}`);
  }

  onEnd(): void {
    if (this.skipped.length === 0) return;
    console.log(`\nNot run (${this.skipped.length}):\n${this.skipped.join('\n')}`);
  }
}
