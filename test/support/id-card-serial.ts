/**
 * The reader simulator (shared/idcard/simulator.ts) behind serialport's mock binding: the driver
 * under test opens a real SerialPortStream, writes real bytes and reads the simulator's frames,
 * with their delays; 'unplugged' makes the port vanish (open fails, an open port disconnects).
 */
import { SerialPortStream } from '@serialport/stream';
import { SerialPortMock } from 'serialport';
import type { OpenPort } from '../../electron/main/idcard/serial-link';
import { ReaderSimulator, type ReaderFault } from '../../shared/idcard/simulator';

export const SIM_PORT = '/dev/ttyUSB-SIM';

/** serialport's own mock binding (@serialport/binding-mock), typed through serialport. */
const MockBinding = SerialPortMock.binding;
type MockPortBinding = Awaited<ReturnType<typeof MockBinding.open>>;

export interface SerialSimulation {
  readonly simulator: ReaderSimulator;
  readonly openPort: OpenPort;
  /** Every chunk the host wrote, in order. */
  readonly written: Uint8Array[];
  /** How many times the port was opened. */
  readonly opens: () => number;
  setFault(fault: ReaderFault): void;
}

export function serialSimulation(lateMs = 150): SerialSimulation {
  MockBinding.reset();
  MockBinding.createPort(SIM_PORT, { echo: false, record: false });
  const simulator = new ReaderSimulator(lateMs);
  const written: Uint8Array[] = [];
  const disconnects = new Set<() => void>();
  let opens = 0;

  const binding: typeof MockBinding = {
    ...MockBinding,
    async open(options: Parameters<typeof MockBinding.open>[0]): Promise<MockPortBinding> {
      if (simulator.unplugged)
        throw new Error(`Error: No such file or directory, cannot open ${options.path}`);
      const port = await MockBinding.open(options);
      opens += 1;
      const write = port.write.bind(port);
      port.write = async (buffer: Buffer) => {
        await write(buffer);
        written.push(new Uint8Array(buffer));
        for (const answer of simulator.receive(new Uint8Array(buffer))) {
          setTimeout(() => {
            if (port.isOpen) port.emitData(Buffer.from(answer.bytes));
          }, answer.afterMs);
        }
      };
      // A pending read fails with a disconnect when the reader is pulled out, as on real ports.
      const read = port.read.bind(port);
      port.read = (buffer: Buffer, offset: number, length: number) =>
        new Promise((resolve, reject) => {
          const gone = () =>
            reject(Object.assign(new Error('device disconnected'), { disconnected: true }));
          disconnects.add(gone);
          read(buffer, offset, length)
            .then(resolve, reject)
            .finally(() => disconnects.delete(gone));
        });
      return port;
    },
  };

  return {
    simulator,
    written,
    opens: () => opens,
    openPort: (path, baudRate) =>
      new SerialPortStream({ binding, path, baudRate, autoOpen: false }),
    setFault(fault) {
      simulator.setFault(fault);
      if (fault === 'unplugged') for (const gone of [...disconnects]) gone();
    },
  };
}
