import { createContext, useContext, type ReactNode } from 'react';
import type { Signer } from '../../shared/crypto/signing';
import type { Host } from '../host';
import type { DeviceIdentity } from '../device/identity';
import type { HallSettings } from '../settings/hall-settings';
import type { LoadedCatalogue } from './catalogue';
import type { KioskDb } from '../store/db';

/** Everything a screen may use from outside React: one object, made once at start-up. */
export interface AppServices {
  readonly db: KioskDb;
  readonly host: Host;
  readonly settings: HallSettings;
  readonly device: DeviceIdentity;
  readonly signer: Signer;
  readonly catalogue: LoadedCatalogue | null;
  /** No platform configured: demo catalogue, demo credit list, records never leave the device. */
  readonly demo: boolean;
  readonly now: () => Date;
}

const ServicesContext = createContext<AppServices | null>(null);

export function ServicesProvider({
  services,
  children,
}: {
  readonly services: AppServices;
  readonly children: ReactNode;
}) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}
