import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { Account } from '@cityhealth/shared-types';
import { api, currentSession, messageOf, saveSession } from '../../api';
import { ActionButton } from '../../components/action-button';
import { Notice } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { Section } from '../../components/section';
import { ErrorState, LoadingState } from '../../components/state-view';
import { useEdition } from '../../edition/use-edition';
import { agreementRoute } from '../../features/agreements';
import { askForPendingAgreementsOnce } from '../../features/agreements-gate';
import { open } from '../../features/navigation';
import { platformLogin } from '../../platform/login';
import { ROUTES, withQuery } from '../../routes';
import { LogoutPanel } from './components/logout-panel';
import { MenuRow } from './components/menu-row';
import { bindablePlatform, boundText } from './me.logic';
import './index.scss';

type AccountState =
  | { kind: 'guest' }
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; account: Account };

/** The account: who is logged in, patients, phone, platform binding, the elder edition, help and logout. */
export default function MePage() {
  const { elder, setElder } = useEdition();
  const [state, setState] = useState<AccountState>(currentSession() ? { kind: 'loading' } : { kind: 'guest' });
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [binding, setBinding] = useState(false);

  async function load() {
    if (!currentSession()) return setState({ kind: 'guest' });
    try {
      setState({ kind: 'ready', account: await api.me() });
    } catch (e) {
      // A 401 has already cleared the session and opened the login page.
      setState(currentSession() ? { kind: 'error', message: messageOf(e) } : { kind: 'guest' });
    }
  }
  useDidShow(() => {
    void load();
    void askForPendingAgreementsOnce(ROUTES.me);
  });

  async function bind(platform: NonNullable<ReturnType<typeof bindablePlatform>>) {
    setBinding(true);
    setNotice(null);
    try {
      const account = await api.bindPlatform(platform.platform, await platformLogin.getCode());
      setState({ kind: 'ready', account });
      setNotice({ kind: 'success', text: `${platform.label}成功，下次可直接一键登录` });
    } catch (e) {
      setNotice({ kind: 'error', text: messageOf(e) });
    } finally {
      setBinding(false);
    }
  }

  function logout() {
    saveSession(null);
    setNotice(null);
    setState({ kind: 'guest' });
  }

  const account = state.kind === 'ready' ? state.account : null;
  const bindable = account ? bindablePlatform(account, platformLogin.platform) : null;

  return (
    <PageShell className="me">
      <View className="me__account" data-testid="me-account">
        {state.kind === 'guest' && (
          <>
            <Text className="me__name">未登录</Text>
            <Text className="me__meta">登录后可添加就诊人、预约挂号</Text>
            <ActionButton block onClick={() => open(withQuery(ROUTES.login, { back: ROUTES.me }))} testId="me-login">
              登录 / 注册
            </ActionButton>
          </>
        )}
        {state.kind === 'loading' && <LoadingState />}
        {state.kind === 'error' && <ErrorState message={state.message} onRetry={load} />}
        {account && (
          <>
            <Text className="me__name">{account.nickname}</Text>
            <Text className="me__meta" data-testid="me-phone">
              {account.phoneMasked ? `手机号 ${account.phoneMasked}` : '尚未绑定手机号'}
            </Text>
            {boundText(account) && <Text className="me__meta">{boundText(account)}</Text>}
          </>
        )}
      </View>

      {notice && <Notice kind={notice.kind} text={notice.text} testId="me-notice" />}

      {account && (
        <Section title="账户">
          <MenuRow label="就诊人管理" value="最多 5 位" onTap={() => open(ROUTES.patients)} testId="me-patients" />
          <MenuRow label="我的预约" onTap={() => open(ROUTES.orders)} />
          <MenuRow label="我的候补" value="号源释放自动预约" onTap={() => open(ROUTES.waitlist)} testId="me-waitlist" />
          <MenuRow label="支付记录" value="挂号费、退款" onTap={() => open(ROUTES.payments)} testId="me-payments" />
          <MenuRow label="报告查询" value="检验、检查报告" onTap={() => open(ROUTES.reports)} testId="me-reports" />
          <MenuRow label="影像查询" value="CT、X线、超声" onTap={() => open(ROUTES.imaging)} testId="me-imaging" />
          <MenuRow
            label={account.phoneMasked ? '更换手机号' : '绑定手机号'}
            value={account.phoneMasked ?? undefined}
            onTap={() => open(ROUTES.phone)}
            testId="me-phone-change"
          />
          {bindable && (
            <View className="me__bind">
              <ActionButton kind="secondary" block busy={binding} onClick={() => void bind(bindable)} testId="me-bind">
                {bindable.label}
              </ActionButton>
            </View>
          )}
        </Section>
      )}

      <Section title="设置与服务">
        <MenuRow
          label="长辈版（大字、简洁）"
          value={elder ? '已开启' : '未开启'}
          onTap={() => setElder(!elder)}
          testId="edition-switch"
        />
        <MenuRow label="医院公告" onTap={() => open(ROUTES.announcements)} testId="me-announcements" />
        <MenuRow label="帮助中心" onTap={() => open(ROUTES.help)} testId="me-help" />
        <MenuRow label="用户协议" onTap={() => open(agreementRoute('terms'))} testId="me-terms" />
        <MenuRow label="隐私政策" onTap={() => open(agreementRoute('privacy'))} testId="me-privacy" />
      </Section>

      <Text className="me__hotline">卫生健康服务热线 12320</Text>

      {account && <LogoutPanel onLogout={logout} />}
      {account && (
        <View className="me__delete">
          <ActionButton kind="link" onClick={() => open(ROUTES.deleteAccount)} testId="me-delete-account">
            注销账号
          </ActionButton>
        </View>
      )}
    </PageShell>
  );
}
