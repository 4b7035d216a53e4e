import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { Order } from '@cityhealth/shared-types';
import { PAYMENT_STATUS_LABELS, PERIOD_LABELS, SCHEDULE_TYPE_LABELS } from '@cityhealth/shared-types/labels';
import { api, messageOf } from '../../api';
import { ActionButton } from '../../components/action-button';
import { Countdown } from '../../components/countdown';
import { Notice } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { Section } from '../../components/section';
import { NotReadyPage } from '../../components/state-view';
import { open } from '../../features/navigation';
import { useRemote } from '../../hooks/use-remote';
import { platformPayment } from '../../platform/payment';
import { ROUTES } from '../../routes';
import { yuan } from '../../utils/money';
import { dateTime } from '../../utils/time';
import { VisitTime } from '../../components/time-range';
import { CancelPanel } from './components/cancel-panel';
import { cancelNote, historyLine, payStep, rebookRoute, refundNote } from './detail.logic';
import { OrderPayments } from './components/order-payments';
import './detail.scss';

/** One booking: when and where to go, its number, payment, cancellation and history. */
export default function OrderDetailPage() {
  const params = useRouter().params;
  const id = params.id ?? '';
  const { state, reload } = useRemote(() => api.order(id), [id]);
  const [updated, setUpdated] = useState<Order | null>(null);
  const [busy, setBusy] = useState<'cancel' | 'pay' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  if (state.kind !== 'ready') return <NotReadyPage state={state} onRetry={reload} />;
  const o = updated && updated.id === state.data.id && updated.updatedAt >= state.data.updatedAt ? updated : state.data;
  const pay = payStep(o, platformPayment.channel !== null);
  const refund = refundNote(o);
  const cancelling = cancelNote(o);
  const rebook = rebookRoute(o);

  async function cancel(reason: string) {
    setBusy('cancel');
    setProblem(null);
    try {
      setUpdated(await api.cancelOrder(o.id, reason || undefined));
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setBusy(null);
    }
  }

  async function startPayment() {
    if (!platformPayment.channel) return;
    setBusy('pay');
    setProblem(null);
    try {
      const ticket = await api.pay(o.id, platformPayment.channel, platformPayment.scene);
      const outcome = await platformPayment.pay(ticket);
      if (outcome === 'redirected') return;
      if (outcome === 'cancelled') setProblem('支付未完成，请在支付时限内完成支付');
      await reload();
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <PageShell className="order">
      {params.new === '1' && o.status === 'booked' && (
        <Notice kind="success" text="预约成功！请按时就诊。" testId="order-booked" />
      )}
      {params.new === '1' && o.status === 'pending' && (
        <Notice kind="warning" text="号源已为您保留，请在时限内完成支付。" />
      )}
      <Section>
        <Text className={`order__status order__status--${o.status}`} data-testid="order-status" data-status={o.status}>
          {o.statusLabel}
        </Text>
        <Text className="order__label">就诊时间</Text>
        <Text className="order__visit" data-testid="order-visit-time">
          <VisitTime order={o} />
        </Text>
        <Text className="order__seq" data-testid="order-seq">
          {PERIOD_LABELS[o.schedule.period]} 第 {o.slot.seq} 号
        </Text>
      </Section>
      {/* A booking that is over: booking the same again is what the patient most likely came for. */}
      {rebook && (
        <ActionButton
          kind="secondary"
          block
          className="order__rebook"
          onClick={() => open(rebook)}
          testId="order-rebook"
        >
          再次预约
        </ActionButton>
      )}

      {pay.kind !== 'none' && (
        <Section title="支付">
          <Text className="order__line">挂号费 {yuan(o.feeFen)}</Text>
          {pay.deadline && (
            <Countdown until={pay.deadline} prefix="剩余支付时间" onDone={reload} className="order__line order__warn" />
          )}
          {cancelling?.warnBeforePaying && (
            <Notice kind="warning" text={cancelling.warnBeforePaying} testId="order-pay-warning" />
          )}
          {pay.kind === 'pay' ? (
            <ActionButton block busy={busy === 'pay'} onClick={startPayment} testId="order-pay">
              去支付 {yuan(o.feeFen)}
            </ActionButton>
          ) : (
            <Text className="order__line">请在微信、支付宝或百度小程序中打开本预约完成支付。</Text>
          )}
        </Section>
      )}

      <Section title="就诊信息">
        <Text className="order__line">医院：{o.hospital.name}</Text>
        <Text className="order__line">地址：{o.hospital.address}</Text>
        <Text className="order__line">
          科室：{o.department.name}（{SCHEDULE_TYPE_LABELS[o.schedule.type]}）
        </Text>
        {o.doctor && (
          <Text className="order__line">
            医生：{o.doctor.name} {o.doctor.title}
          </Text>
        )}
        <Text className="order__line">
          就诊人：{o.patient.name} {o.patient.idNumberMasked}
        </Text>
        <Text className="order__line">
          挂号费：{yuan(o.feeFen)}（{PAYMENT_STATUS_LABELS[o.payment.status]}）
        </Text>
        <Text className="order__line">预约单号：{o.orderNo}</Text>
        {o.visitNumber && (
          <Text className="order__line" data-testid="order-visit-number">
            就诊号：{o.visitNumber}（医院已登记，就诊时可报此号）
          </Text>
        )}
        <Text className="order__line">下单时间：{dateTime(o.createdAt)}</Text>
      </Section>

      <OrderPayments order={o} />

      {refund && <Notice kind="info" text={refund} testId="order-refund" />}
      {problem && <Notice kind="error" text={problem} testId="order-error" />}
      {cancelling && <CancelPanel note={cancelling.text} busy={busy === 'cancel'} onConfirm={cancel} />}
      {!o.cancellable && o.status === 'booked' && (
        <Text className="order__muted">已过取消截止时间（{dateTime(o.cancelDeadline)}），如不能就诊请联系医院。</Text>
      )}

      {o.history.length > 0 && (
        <Section title="预约记录">
          {o.history.map((e) => (
            <View key={`${e.at}-${e.status}`} className="order__event">
              <Text className="order__line">{historyLine(e)}</Text>
              <Text className="order__muted">{dateTime(e.at)}</Text>
            </View>
          ))}
        </Section>
      )}
      <View className="order__links">
        <ActionButton kind="link" onClick={() => open(ROUTES.orders)}>
          全部预约
        </ActionButton>
        <ActionButton kind="link" onClick={() => open(ROUTES.home)}>
          返回首页
        </ActionButton>
      </View>
    </PageShell>
  );
}
