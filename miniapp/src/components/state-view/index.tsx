import { Text, View } from '@tarojs/components';
import { PageShell } from '../page-shell';
import { ActionButton } from '../action-button';
import './index.scss';

export function LoadingState({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className="state" data-testid="state-loading" aria-busy="true">
      <Text className="state__text">{text}</Text>
    </View>
  );
}

/** A failed load: the API's message as it is, and a retry. */
export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className="state state--error" data-testid="state-error" role="alert">
      <Text className="state__text">{message}</Text>
      {onRetry && (
        <ActionButton kind="secondary" onClick={onRetry} testId="state-retry">
          重新加载
        </ActionButton>
      )}
    </View>
  );
}

export function EmptyState({ text, action }: { text: string; action?: React.ReactNode }) {
  return (
    <View className="state" data-testid="state-empty">
      <Text className="state__text">{text}</Text>
      {action}
    </View>
  );
}

/** A page whose one resource is still loading or failed to load: the whole page says so, with a retry. */
export function NotReadyPage({
  state,
  onRetry,
}: {
  state: { kind: 'loading' } | { kind: 'error'; message: string };
  onRetry: () => void;
}) {
  return (
    <PageShell>
      {state.kind === 'loading' ? <LoadingState /> : <ErrorState message={state.message} onRetry={onRetry} />}
    </PageShell>
  );
}
