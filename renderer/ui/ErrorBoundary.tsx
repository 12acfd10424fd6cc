import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function ErrorScreen({ onRestart }: { readonly onRestart: () => void }) {
  const { t } = useTranslation();
  return (
    <section role="alert" className="error-screen">
      <h1>{t('errorBoundary.heading')}</h1>
      <p>{t('errorBoundary.body')}</p>
      <button type="button" className="button-primary" onClick={onRestart}>
        {t('errorBoundary.restart')}
      </button>
    </section>
  );
}

interface Props {
  readonly children: ReactNode;
  /** Called when the user asks to start again: the app drops the session's state. */
  readonly onReset: () => void;
  /** Told of each render error, for the host's log (the ui layer knows no host). */
  readonly onError?: (error: Error) => void;
}

/** Nothing throws to a blank screen: a render error shows a way back instead. */
export class ErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    if (this.props.onError) this.props.onError(error);
    else console.error('render error', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <ErrorScreen
        onRestart={() => {
          this.setState({ failed: false });
          this.props.onReset();
        }}
      />
    );
  }
}
