import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { partText } from '../../../shared/document/hash';
import type { CommitmentDocument, PartId } from '../../../shared/document/model';
import type { ReadingEvidence } from '../../../shared/record/events';
import { chinaInstant } from '../../../shared/time';
import { DocumentPartView } from '../../document/DocumentView';
import { StepFrame } from '../StepFrame';
import type { PartConfirmation } from '../session';

interface DisclosureStepProps {
  readonly document: CommitmentDocument;
  readonly documentHash: string;
  readonly textVersion: string;
  readonly now: () => Date;
  readonly onDone: (reading: ReadingEvidence) => void;
  readonly onBack: () => void;
  readonly onCancel: () => void;
}

const speech =
  typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null;

/**
 * The full letter, part by part. What the applicant did is kept as evidence: seconds each part was
 * on screen, that the end was reached, and how each part was confirmed.
 */
export function DisclosureStep({
  document,
  documentHash,
  textVersion,
  now,
  onDone,
  onBack,
  onCancel,
}: DisclosureStepProps) {
  const { t } = useTranslation();
  const seconds = useRef(new Map<PartId, number>());
  const [confirmed, setConfirmed] = useState<ReadonlyMap<PartId, PartConfirmation>>(new Map());
  const [reachedEnd, setReachedEnd] = useState(false);
  const [speaking, setSpeaking] = useState<PartId | null>(null);
  const readAloud = useRef(new Set<PartId>());
  const endRef = useRef<HTMLDivElement>(null);

  // Time on screen per part: a part counts while at least a third of it is visible.
  useEffect(() => {
    const visibleSince = new Map<PartId, number>();
    const observer = new IntersectionObserver(
      (entries) => {
        const at = performance.now();
        for (const entry of entries) {
          const id = (entry.target as HTMLElement).dataset.part as PartId;
          if (entry.isIntersecting) visibleSince.set(id, at);
          else {
            const since = visibleSince.get(id);
            if (since !== undefined)
              seconds.current.set(id, (seconds.current.get(id) ?? 0) + (at - since) / 1000);
            visibleSince.delete(id);
          }
        }
      },
      { threshold: 0.3 },
    );
    const end = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setReachedEnd(true);
    });
    for (const el of window.document.querySelectorAll('[data-part]')) observer.observe(el);
    if (endRef.current) end.observe(endRef.current);
    const flush = () => {
      const at = performance.now();
      for (const [id, since] of visibleSince) {
        seconds.current.set(id, (seconds.current.get(id) ?? 0) + (at - since) / 1000);
        visibleSince.set(id, at);
      }
    };
    flushRef.current = flush;
    return () => {
      flush();
      observer.disconnect();
      end.disconnect();
    };
  }, []);
  const flushRef = useRef<() => void>(() => undefined);

  useEffect(() => () => speech?.cancel(), []);

  const speak = (id: PartId) => {
    if (!speech) return;
    speech.cancel();
    if (speaking === id) {
      setSpeaking(null);
      return;
    }
    const part = document.parts.find((p) => p.id === id);
    if (!part) return;
    const utterance = new SpeechSynthesisUtterance(partText(part, document.language));
    utterance.lang = document.language;
    utterance.onend = () => setSpeaking(null);
    readAloud.current.add(id);
    setSpeaking(id);
    speech.speak(utterance);
  };

  const confirm = (id: PartId, event: MouseEvent<HTMLButtonElement>) => {
    // A click with detail 0 came from the keyboard (Enter/Space), not a touch or a mouse.
    const method = readAloud.current.has(id)
      ? 'read-aloud'
      : event.detail === 0
        ? 'keyboard'
        : 'tap';
    setConfirmed((m) => new Map(m).set(id, { partId: id, at: chinaInstant(now()), method }));
  };

  const done = document.parts.every((p) => confirmed.has(p.id)) && reachedEnd;
  const finish = () => {
    flushRef.current();
    const perPartSeconds: Record<string, number> = {};
    for (const part of document.parts)
      perPartSeconds[part.id] = Math.round((seconds.current.get(part.id) ?? 0) * 10) / 10;
    onDone({
      textVersion,
      documentHash,
      perPartSeconds,
      reachedEnd,
      confirmations: document.parts
        .map((p) => confirmed.get(p.id))
        .filter((c): c is PartConfirmation => c !== undefined),
    });
  };

  return (
    <StepFrame
      step="disclosure"
      heading={t('kiosk.disclosure.heading')}
      onBack={onBack}
      onCancel={onCancel}
      action={
        <button type="button" className="button-primary" disabled={!done} onClick={finish}>
          {t('kiosk.disclosure.toSign')}
        </button>
      }
    >
      <p className="notice">{t('kiosk.disclosure.instructions')}</p>
      {/* The text version and the digest are the clerk's and the letter's (record detail, signing
          record), not the applicant's: they are kept in the reading evidence, never shown here. */}
      <article
        className="doc doc-scroll"
        lang={document.language}
        tabIndex={0}
        aria-label={document.title}
      >
        <p className="doc-title">{document.title}</p>
        {document.parts.map((part) => {
          const c = confirmed.get(part.id);
          return (
            <section key={part.id} className="doc-part" data-part={part.id}>
              <DocumentPartView part={part} />
              <div className="doc-actions">
                {speech && (
                  <button
                    type="button"
                    className="button-secondary"
                    aria-pressed={speaking === part.id}
                    onClick={() => speak(part.id)}
                  >
                    {speaking === part.id
                      ? t('kiosk.disclosure.stopReading')
                      : t('kiosk.disclosure.readAloud')}
                  </button>
                )}
                <button
                  type="button"
                  className={c ? 'button-secondary confirmed' : 'button-primary'}
                  aria-pressed={Boolean(c)}
                  disabled={Boolean(c)}
                  onClick={(e) => confirm(part.id, e)}
                >
                  {c ? t('kiosk.disclosure.confirmed') : t('kiosk.disclosure.confirm')}
                </button>
              </div>
            </section>
          );
        })}
        <div ref={endRef} className="doc-end" aria-hidden="true" />
      </article>
      <p className="doc-progress" role="status">
        {t('kiosk.disclosure.progress', { done: confirmed.size, total: document.parts.length })}
        {!reachedEnd && ` · ${t('kiosk.disclosure.reachEnd')}`}
      </p>
    </StepFrame>
  );
}
