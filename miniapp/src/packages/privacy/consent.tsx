import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { AgreementKind } from '@cityhealth/shared-types';
import { api, messageOf, saveSession } from '../../api';
import { ActionButton } from '../../components/action-button';
import { Notice } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { NotReadyPage } from '../../components/state-view';
import { acceptedVersions, agreementRoute, agreementTitles } from '../../features/agreements';
import { open, replaceWith } from '../../features/navigation';
import { useRemote } from '../../hooks/use-remote';
import { ROUTES } from '../../routes';
import './privacy.scss';

/**
 * A new version of 用户协议 or 隐私政策 was published: the patient reads and agrees before continuing
 * (to `?back=`), or declines and is logged out.
 */
export default function ConsentPage() {
  const back = useRouter().params.back;
  const { state, reload } = useRemote(async () => {
    const [me, agreements] = await Promise.all([api.me(), api.agreements()]);
    return { pending: me.pendingAgreements, agreements: agreements.items };
  }, []);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const next = () => replaceWith(back ? decodeURIComponent(back) : ROUTES.home);

  if (state.kind !== 'ready') return <NotReadyPage state={state} onRetry={reload} />;
  const { pending, agreements } = state.data;
  const changed: readonly AgreementKind[] = pending.length ? pending : ['terms', 'privacy'];

  async function agree() {
    const versions = acceptedVersions(agreements);
    if (!versions) return;
    setBusy(true);
    setProblem(null);
    try {
      await api.acceptAgreements(versions);
      next();
    } catch (e) {
      setProblem(messageOf(e));
      void reload();
    } finally {
      setBusy(false);
    }
  }

  function decline() {
    saveSession(null);
    replaceWith(ROUTES.home);
  }

  return (
    <PageShell className="privacy">
      <View className="privacy__article" data-testid="consent-page">
        <Text className="privacy__heading">{agreementTitles(changed)}已更新</Text>
        <Text className="privacy__paragraph">
          为继续使用预约挂号服务，请阅读更新后的{agreementTitles(changed)}。点击“同意并继续”即表示您已阅读并同意。
        </Text>
        {changed.map((k) => (
          <ActionButton key={k} kind="link" onClick={() => open(agreementRoute(k))} testId={`consent-read-${k}`}>
            阅读{agreementTitles([k])}
          </ActionButton>
        ))}
      </View>
      {problem && <Notice kind="error" text={problem} testId="consent-error" />}
      <View className="privacy__actions">
        <ActionButton block busy={busy} onClick={agree} testId="consent-accept">
          同意并继续
        </ActionButton>
        <ActionButton kind="secondary" block onClick={decline} testId="consent-decline">
          不同意并退出登录
        </ActionButton>
      </View>
    </PageShell>
  );
}
