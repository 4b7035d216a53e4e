import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { AgreementKind } from '@cityhealth/shared-types';
import { api, ApiError } from '../../api';
import { PageShell } from '../../components/page-shell';
import { NotReadyPage } from '../../components/state-view';
import { useRemote } from '../../hooks/use-remote';
import { paragraphs } from '../content/content.logic';
import './privacy.scss';

/** The 用户协议 or the 隐私政策 in force, in full (`?kind=terms|privacy`), readable before logging in too. */
export default function AgreementPage() {
  const kind = (useRouter().params.kind ?? 'terms') as AgreementKind;
  const { state, reload } = useRemote(async () => {
    const found = (await api.agreements()).items.find((a) => a.kind === kind);
    if (!found) throw new ApiError(404, 'NOT_FOUND', '协议不存在');
    return found;
  }, [kind]);

  if (state.kind !== 'ready') return <NotReadyPage state={state} onRetry={reload} />;
  const a = state.data;
  return (
    <PageShell className="privacy">
      <View className="privacy__article" data-testid="agreement-text">
        <Text className="privacy__heading">{a.title}</Text>
        <Text className="privacy__meta" data-testid="agreement-version">
          版本 {a.version}
        </Text>
        {paragraphs(a.body).map((p, i) => (
          /* biome-ignore lint/suspicious/noArrayIndexKey: an agreement's paragraphs never move;
             two may read the same */
          <Text key={i} className="privacy__paragraph">
            {p}
          </Text>
        ))}
      </View>
    </PageShell>
  );
}
