import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import type { AppServices } from '../services/app-services';
import type { Clerk } from '../store/clerks';
import type { ActionContext } from '../store/audit-log';

/** What every console screen shares: the services, and the clerk who is signed in. */
export interface ConsoleSession {
  readonly services: AppServices;
  readonly clerk: Clerk;
  readonly ctx: ActionContext;
  /** After a supervisor saves settings: the console runs on them at once. */
  readonly onSettingsSaved: (settings: AppServices['settings']) => void;
}

const ConsoleContext = createContext<ConsoleSession | null>(null);

export function ConsoleProvider({
  session,
  children,
}: {
  readonly session: ConsoleSession;
  readonly children: ReactNode;
}) {
  return <ConsoleContext.Provider value={session}>{children}</ConsoleContext.Provider>;
}

export function useConsole(): ConsoleSession {
  const session = useContext(ConsoleContext);
  if (!session) throw new Error('useConsole outside ConsoleProvider');
  return session;
}

export function actionContext(services: AppServices): ActionContext {
  return { db: services.db, signer: services.signer, device: services.device, now: services.now };
}

/** Moves focus to a screen's heading when it appears, as the kiosk does on every step. */
export function ScreenHeading({
  children,
  id,
}: {
  readonly children: ReactNode;
  readonly id?: string;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} id={id} tabIndex={-1} className="console-heading">
      {children}
    </h1>
  );
}

/** A line that tells the outcome of the last action; announced to screen readers. */
export function Outcome({
  message,
}: {
  readonly message: { readonly kind: 'ok' | 'error'; readonly text: string } | null;
}) {
  return (
    <p role="status" className={`outcome ${message ? `outcome-${message.kind}` : ''}`}>
      {message?.text ?? ''}
    </p>
  );
}
