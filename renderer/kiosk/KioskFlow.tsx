import { logProblem } from '../host/problem-log';
import { useCallback, useMemo, useReducer } from 'react';
import { useTranslation } from 'react-i18next';
import { buildCommitmentDocument } from '../../shared/document/model';
import { documentHash } from '../../shared/document/hash';
import { signerName } from '../../shared/entity';
import { calendarDay } from '../../shared/ids/calendar';
import type { Language } from '../../shared/model';
import { useServices } from '../services/app-services';
import { printOutcome, type PrintOutcome } from '../host/print-outcome';
import { letterPdf, verificationText } from '../services/letter';
import { runPrecheck } from '../services/precheck';
import { submitSignedRecord } from '../store/records';
import { NOT_COLLECTABLE, refuseUncollectable } from './collection-refusal';
import { composeSignedPayload } from './compose-record';
import { IdleGuard } from './IdleGuard';
import { newSession, sessionReducer, type Step } from './session';
import { DisclosureStep } from './steps/DisclosureStep';
import { EntityStep } from './steps/EntityStep';
import { KindStep } from './steps/KindStep';
import { PhotoStep } from './steps/PhotoStep';
import { MatterStep } from './steps/MatterStep';
import { PrecheckStep } from './steps/PrecheckStep';
import { ReceiptStep } from './steps/ReceiptStep';
import { ReviewStep, type SubmitOutcome } from './steps/ReviewStep';
import { SignatureStep, type WitnessCheck } from './steps/SignatureStep';
import { WelcomeScreen } from './WelcomeScreen';
import './portrait.css';

interface KioskFlowProps {
  /** How a clerk witnesses a typed-name signature; absent until clerks are set up. */
  readonly witness?: WitnessCheck | undefined;
  /** Assisted mode: the signed-in clerk running the path on the applicant's behalf. */
  readonly assistedBy?: string | undefined;
  /** Ends the session: the parent remounts this component, dropping every answer. */
  readonly onReset: () => void;
}

/** One applicant's way from the welcome screen to a signed, stored, printed commitment. */
export function KioskFlow({ onReset, witness, assistedBy }: KioskFlowProps) {
  const services = useServices();
  const { i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [session, dispatch] = useReducer(sessionReducer, undefined, newSession);
  const catalogue = services.catalogue?.catalogue ?? null;
  const today = useMemo(() => calendarDay(services.now()), [services]);
  const photoPolicy = services.settings.signingPhoto;
  const matter = catalogue?.matters.find((m) => m.code === session.matterCode) ?? null;

  const precheck = useCallback(async () => {
    if (!session.entity) return;
    // Credit repair is the one matter a listed entity may take (shared/precheck/rules.ts).
    const decision = await runPrecheck(services, session.entity, matter?.commitmentType);
    dispatch({ type: 'precheck', decision });
  }, [services, session.entity, matter]);

  const toDisclosure = () => {
    if (!catalogue || !session.entity || !session.matterCode) return;
    const built = buildCommitmentDocument({
      catalogue,
      matterCode: session.matterCode,
      entity: session.entity,
      language: lang,
      preparedAt: services.now(),
    });
    if (built.ok)
      dispatch({ type: 'document', document: built.document, hash: documentHash(built.document) });
    else dispatch({ type: 'go', step: 'entity' });
  };

  const submit = async (): Promise<SubmitOutcome> => {
    if (!catalogue) return 'failed';
    const payload = composeSignedPayload(
      session,
      catalogue,
      assistedBy ?? null,
      services.settings.requireIdCard,
    );
    if (!payload || !session.signature) return 'failed';
    const result = await submitSignedRecord(services.db, services.device, services.signer, {
      recordId: session.recordId,
      at: services.now(),
      actor: { kind: 'applicant' },
      payload,
      signatureImage:
        session.signature.method === 'drawn'
          ? { mimeType: 'image/png', data: session.signature.png }
          : null,
      photoImage:
        session.photo?.status === 'taken'
          ? { mimeType: 'image/jpeg', data: session.photo.jpeg }
          : null,
      document: session.document,
      refuse: refuseUncollectable(catalogue),
    });
    if (!result.ok && result.error === NOT_COLLECTABLE) return 'counter';
    if (!result.ok) {
      logProblem('warn', 'submit.refused', result.error);
      return 'failed';
    }
    dispatch({ type: 'submitted', record: result.record });
    return 'submitted';
  };

  const print = async (): Promise<PrintOutcome> => {
    if (!session.record) return 'failed';
    try {
      const pdf = await letterPdf(services, i18n, session.record, { copy: false });
      const printed = await services.host.invoke('print.pdf', {
        pdf,
        title: session.record.commitmentCode,
        ...(services.settings.printer ? { printer: services.settings.printer } : {}),
      });
      if (!printed.ok) logProblem('warn', 'print.failed', printed.error.code);
      return printOutcome(printed);
    } catch (error) {
      logProblem('warn', 'print.failed', error);
      return 'failed';
    }
  };

  const go = (step: Step) => dispatch({ type: 'go', step });
  const back = (step: Step) => () => go(step);
  const idle = services.settings.idle;

  let screen;
  switch (session.step) {
    case 'welcome':
      screen = <WelcomeScreen hallName={catalogue?.hall.name ?? null} onStart={() => go('kind')} />;
      break;
    case 'kind':
      screen = (
        <KindStep
          selected={session.kind}
          onSelect={(kind) => dispatch({ type: 'kind', kind })}
          onCancel={onReset}
        />
      );
      break;
    case 'matter':
      screen = session.kind && (
        <MatterStep
          catalogue={catalogue}
          kind={session.kind}
          today={today}
          onSelect={(matterCode) => dispatch({ type: 'matter', matterCode })}
          onBack={back('kind')}
          onCancel={onReset}
        />
      );
      break;
    case 'entity':
      screen = session.kind && matter && (
        <EntityStep
          kind={session.kind}
          matter={matter}
          today={today}
          initial={session.entity}
          initialIdentity={session.identity}
          requireCard={services.settings.requireIdCard && !assistedBy}
          onDone={(entity, warnings, identity) =>
            dispatch({ type: 'entity', entity, warnings, identity })
          }
          onBack={back('matter')}
          onCancel={onReset}
        />
      );
      break;
    case 'precheck':
      screen = (
        <PrecheckStep
          decision={session.precheck}
          run={precheck}
          onContinue={toDisclosure}
          onBack={back('entity')}
          onFinish={onReset}
        />
      );
      break;
    case 'disclosure':
      screen = session.document && session.documentHash && matter && catalogue && (
        <DisclosureStep
          document={session.document}
          documentHash={session.documentHash}
          textVersion={`${catalogue.catalogueId}@${catalogue.version}/${matter.templateVersion}`.slice(
            0,
            64,
          )}
          now={services.now}
          onDone={(reading) => dispatch({ type: 'read', reading })}
          onBack={back('precheck')}
          onCancel={onReset}
        />
      );
      break;
    case 'signature':
      screen = (
        <SignatureStep
          signerName={session.entity ? signerName(session.entity) : ''}
          witness={witness}
          onDone={(signature) =>
            dispatch({ type: 'signed', signature, photo: photoPolicy !== 'off' })
          }
          onBack={back('disclosure')}
          onCancel={onReset}
        />
      );
      break;
    case 'photo':
      screen = photoPolicy !== 'off' && (
        <PhotoStep
          policy={photoPolicy}
          now={services.now}
          onDone={(photo) => dispatch({ type: 'photo', photo })}
          onBack={back('signature')}
          onCancel={onReset}
        />
      );
      break;
    case 'review':
      screen = matter && (
        <ReviewStep
          session={session}
          matter={matter}
          submit={submit}
          onBack={back(photoPolicy === 'off' ? 'signature' : 'photo')}
          onCancel={onReset}
        />
      );
      break;
    case 'receipt':
      screen = session.record && session.documentHash && (
        <ReceiptStep
          record={session.record}
          qrText={verificationText(
            session.record,
            session.documentHash,
            services.settings.platformUrl,
          )}
          print={print}
          resetAfterSeconds={idle.receiptSeconds}
          onFinish={onReset}
          materials={(session.record.due ?? []).flatMap((item) => {
            if (item.kind !== 'material') return [];
            const owed = matter?.materialsToFollow?.find((m) => m.id === item.materialId);
            return [
              {
                name: item.name[lang] ?? item.name['zh-CN'],
                dueBy: item.dueBy,
                ...(owed
                  ? { withinDays: owed.withinDays, workingDays: owed.dayCount === 'working' }
                  : {}),
              },
            ];
          })}
        />
      );
      break;
  }

  return (
    <>
      {screen}
      <IdleGuard
        active={session.step !== 'welcome' && session.step !== 'receipt'}
        warnAfterSeconds={idle.warnAfterSeconds}
        countdownSeconds={idle.countdownSeconds}
        onTimeout={onReset}
      />
    </>
  );
}
