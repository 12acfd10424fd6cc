// The parts of Electronegativity's programmatic API (dist/runner.js) that the scan uses.
declare module '@doyensec/electronegativity' {
  interface Level {
    readonly name: string;
    readonly value: number;
  }
  export interface Issue {
    readonly id: string;
    readonly file: string;
    readonly location: { readonly line: number; readonly column: number };
    readonly severity: Level;
    readonly confidence: Level;
    readonly description: string;
    readonly manualReview: boolean;
  }
  export interface RunResult {
    readonly globalChecks: number;
    readonly atomicChecks: number;
    readonly errors: ReadonlyArray<{ file: string; message: string; tolerable: boolean }>;
    readonly issues: readonly Issue[];
  }
  export default function run(
    options: {
      input: string;
      output?: string;
      isSarif?: boolean;
      customScan?: string[];
      excludeFromScan?: string[];
      isRelative?: boolean;
      isVerbose?: boolean;
      electronVersionOverride?: string;
      parserPlugins?: string[];
    },
    forCli: false,
  ): Promise<RunResult>;
}
