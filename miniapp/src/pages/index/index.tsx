import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { ApiError, getJson } from '../../services/request';
import './index.scss';

/** The fields of a hospital this placeholder shows (the full shape is HospitalSummary in shared-types). */
interface Hospital {
  id: string;
  name: string;
  levelName: string;
  district: string;
}

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; items: Hospital[]; total: number };

/** Placeholder home page: says what the app is and shows that it reaches the BFF. */
export default function Index() {
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    getJson<{ items: Hospital[]; total: number }>('/api/v1/hospitals?pageSize=5')
      .then((page) => setState({ kind: 'ready', items: page.items, total: page.total }))
      .catch((e: unknown) =>
        setState({ kind: 'error', message: e instanceof ApiError ? e.message : '加载失败，请稍后重试' }),
      );
  }, []);

  return (
    <View className={`page home${__EDITION__ === 'elder' ? ' elder' : ''}`}>
      <Text className='page__title'>预约挂号统一平台</Text>
      <Text className='home__intro'>
        全市医院统一预约挂号{__EDITION__ === 'elder' ? '（敬老版）' : ''}。完整功能即将上线。
      </Text>
      {state.kind === 'loading' && <Text className='home__state'>正在加载医院…</Text>}
      {state.kind === 'error' && <Text className='home__state home__state--error'>{state.message}</Text>}
      {state.kind === 'ready' && (
        <View>
          <Text className='home__state'>已接入医院 {state.total} 家，例如：</Text>
          {state.items.map((h) => (
            <View key={h.id} className='home__hospital'>
              <Text className='home__name'>{h.name}</Text>
              <Text className='home__meta'>
                {h.levelName} · {h.district}
              </Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
