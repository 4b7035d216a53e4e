import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import type { HospitalOutcome } from '@cityhealth/shared-types';
import { ActionButton } from '../../../components/action-button';
import { EmptyState, ErrorState, LoadingState } from '../../../components/state-view';
import type { Remote } from '../../../hooks/use-remote';
import { failedHospitals } from '../records.logic';
import { FailedHospitals } from './record-filters';

interface Props<T> {
  list: { state: Remote<{ items: T[]; hospitals: HospitalOutcome[] } | null>; reload: () => void };
  emptyText: string;
  item: (item: T) => ReactNode;
}

/** A list read from the hospitals: asking, failed, the hospitals that failed, empty (ask again), or its items. */
export function RecordsAnswer<T>({ list, emptyText, item }: Props<T>) {
  const { state, reload } = list;
  if (state.kind === 'loading') return <LoadingState text="正在向医院查询…" />;
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={reload} />;
  if (!state.data) return null;
  return (
    <View>
      <FailedHospitals failed={failedHospitals(state.data.hospitals)} onRetry={reload} />
      {state.data.items.length === 0 ? (
        <EmptyState
          text={emptyText}
          action={
            <ActionButton kind="secondary" onClick={reload} testId="records-refresh">
              重新查询
            </ActionButton>
          }
        />
      ) : (
        state.data.items.map(item)
      )}
    </View>
  );
}
