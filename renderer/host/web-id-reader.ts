import { answerFor, type IdReadAnswer } from '../../shared/idcard/answer';
import { simulatorLink } from '../../shared/idcard/link';
import { readCard } from '../../shared/idcard/read-sequence';
import {
  READER_FAULTS,
  ReaderSimulator,
  SIMULATED_CARD_NAMES,
  type ReaderFault,
  type SimulatedCard,
} from '../../shared/idcard/simulator';

/**
 * Web mode has no card reader. Its build (renderer/vite.config.ts defines
 * VITE_ID_CARD_SIMULATOR) offers the reader simulator to end-to-end tests instead, on
 * `window.__kioskIdCardSimulator`: the same frames, decoding and checks as the desktop driver,
 * with a simulated card placed, lifted or faulted by the test. The desktop build never defines
 * the flag, so the hook is never installed there.
 */
export interface IdCardSimulatorHook {
  present(card: SimulatedCard): void;
  remove(): void;
  setFault(fault: ReaderFault): void;
}

declare global {
  interface Window {
    __kioskIdCardSimulator?: IdCardSimulatorHook;
  }
}

let simulator: ReaderSimulator | null = null;

/**
 * Installs the hook (web build only). The page's calls are checked like any outside input. The
 * reader "appears" with the first call, so a run that never uses it sees web mode's usual
 * "no reader" and the typing-only kiosk.
 */
export function installIdCardSimulator(target: Window): void {
  const sim = () => (simulator ??= new ReaderSimulator(0));
  const hook: IdCardSimulatorHook = {
    present(card) {
      if (!(SIMULATED_CARD_NAMES as readonly unknown[]).includes(card)) {
        throw new RangeError(`no simulated card "${String(card)}"`);
      }
      sim().present(card);
    },
    remove: () => sim().remove(),
    setFault(fault) {
      if (!(READER_FAULTS as readonly unknown[]).includes(fault)) {
        throw new RangeError(`no reader fault "${String(fault)}"`);
      }
      sim().setFault(fault);
    },
  };
  Object.defineProperty(target, '__kioskIdCardSimulator', {
    value: Object.freeze(hook),
    configurable: false,
    writable: false,
  });
}

/** One read in web mode: the simulator when the build installed it, else "no reader". */
export async function webIdRead(photo: boolean, today: Date = new Date()): Promise<IdReadAnswer> {
  if (!simulator) return { status: 'unavailable', reason: 'not-configured' };
  return answerFor(await readCard(simulatorLink(simulator), { today, photo }));
}
