/**
 * Makes the maintenance-PIN record for a hall PC's host settings file (kiosk-unlock.ts): reads the
 * PIN twice (not echoed on a terminal) and prints the JSON to put in
 * `<userData>/kiosk-settings.json`.
 */
import { createInterface } from 'node:readline';
import { makeUnlockPinRecord, UnlockPinSchema } from '../main/kiosk-unlock';

const terminal = Boolean(process.stdin.isTTY);
const rl = createInterface({ input: process.stdin, output: process.stdout, terminal });
// On a terminal, show the prompts but not what is typed.
(rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
const lines = rl[Symbol.asyncIterator]();

async function ask(question: string): Promise<string> {
  process.stdout.write(question);
  const line = await lines.next();
  process.stdout.write('\n');
  return typeof line.value === 'string' ? line.value.trim() : '';
}

const pin = await ask('Maintenance PIN (6-12 digits): ');
const again = await ask('Again: ');
rl.close();
if (!UnlockPinSchema.safeParse(pin).success) {
  console.error('The PIN must be 6 to 12 digits.');
  process.exit(1);
}
if (again !== pin) {
  console.error('The two PINs differ.');
  process.exit(1);
}
console.log(JSON.stringify({ kioskUnlock: makeUnlockPinRecord(pin) }, null, 2));
