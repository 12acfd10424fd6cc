/** Which window to open: `--counter` on the command line opens the clerk console. */
export type WindowMode = 'kiosk' | 'counter';

export function windowModeFromArgs(argv: readonly string[]): WindowMode {
  return argv.includes('--counter') ? 'counter' : 'kiosk';
}
