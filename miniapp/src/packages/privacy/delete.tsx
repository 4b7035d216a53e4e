import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { api, ApiError, currentSession, messageOf, saveSession, sendToLogin } from '../../api';
import { ActionButton } from '../../components/action-button';
import { Notice } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { SmsCodeField } from '../../components/sms-code-field';
import { smsCodeError } from '../../features/forms';
import { replaceWith } from '../../features/navigation';
import { useResendTimer } from '../../features/use-resend-timer';
import { ROUTES } from '../../routes';
import { DELETED_ITEMS, KEPT_ITEMS } from './delete.logic';
import './privacy.scss';

type Shown = { kind: 'error' | 'info' | 'success'; text: string };

/** 注销账号: what is deleted and what is kept, then the SMS code to the account's own phone confirms it. */
export default function DeleteAccountPage() {
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const [notice, setNotice] = useState<Shown | null>(null);
  const [busy, setBusy] = useState<'send' | 'delete' | null>(null);
  const [done, setDone] = useState(false);
  const timer = useResendTimer();

  useDidShow(() => {
    if (!currentSession() && !done) sendToLogin();
  });

  async function send() {
    setBusy('send');
    setNotice(null);
    try {
      const sent = await api.sendDeletionCode();
      timer.start(sent.resendAfterSeconds);
      setNotice({
        kind: 'info',
        text: `验证码已发送至 ${sent.phoneMasked}，${Math.round(sent.expiresInSeconds / 60)} 分钟内有效`,
      });
    } catch (e) {
      setNotice({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(null);
    }
  }

  async function confirm() {
    const e = smsCodeError(code);
    setCodeError(e);
    if (e) return;
    setBusy('delete');
    setNotice(null);
    try {
      await api.deleteAccount(code.trim());
      setDone(true);
      saveSession(null);
      setNotice({ kind: 'success', text: '账号已注销。感谢您的使用，同一手机号以后可重新注册。' });
    } catch (err) {
      if (err instanceof ApiError && err.fieldMessage('code')) setCodeError(err.fieldMessage('code'));
      else setNotice({ kind: 'error', text: messageOf(err) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <PageShell className="privacy">
      <View className="privacy__article" data-testid="delete-account-info">
        <Text className="privacy__heading">注销后将删除</Text>
        {DELETED_ITEMS.map((t) => (
          <Text key={t} className="privacy__paragraph">
            · {t}
          </Text>
        ))}
        <Text className="privacy__list-title">依法保留</Text>
        {KEPT_ITEMS.map((t) => (
          <Text key={t} className="privacy__paragraph">
            · {t}
          </Text>
        ))}
        <Text className="privacy__list-title">有待就诊的预约、待支付或退款中的订单时不能注销，请先完成或取消。</Text>
      </View>
      {!done && (
        <View className="privacy__form">
          <SmsCodeField
            value={code}
            onInput={setCode}
            error={codeError}
            secondsLeft={timer.left}
            sending={busy === 'send'}
            onSend={send}
            testId="delete-code"
            sendTestId="delete-send-code"
          />
        </View>
      )}
      {notice && <Notice kind={notice.kind} text={notice.text} testId="delete-notice" />}
      {done ? (
        <ActionButton block onClick={() => replaceWith(ROUTES.home)} testId="delete-done">
          返回首页
        </ActionButton>
      ) : (
        <ActionButton kind="danger" block busy={busy === 'delete'} onClick={confirm} testId="delete-confirm">
          确认注销账号
        </ActionButton>
      )}
    </PageShell>
  );
}
