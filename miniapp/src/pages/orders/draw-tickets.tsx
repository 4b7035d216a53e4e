import { Text, View } from '@tarojs/components';
import type { DrawTicket } from '@cityhealth/shared-types';
import { ActionButton } from '../../components/action-button';
import { TimeRange } from '../../components/time-range';
import { open } from '../../features/navigation';
import { ROUTES, withQuery } from '../../routes';
import { ticketOutcomeText, ticketSessionText } from './draw-tickets.logic';

function DrawTicketCard({ t }: { t: DrawTicket }) {
  return (
    <View className="draws__card" data-testid="draw-ticket">
      <View className="draws__head">
        <Text className="draws__hospital">{t.hospital.name}</Text>
        <Text className={`draws__state draws__state--${t.state}`} data-testid="draw-ticket-state">
          {t.stateLabel}
        </Text>
      </View>
      <Text className="draws__line">
        {t.department.name}
        {t.doctor ? ` · ${t.doctor.name} ${t.doctor.title}` : ''}
      </Text>
      <Text className="draws__visit">
        {ticketSessionText(t)} <TimeRange startsAt={t.startsAt} endsAt={t.endsAt} />
      </Text>
      <Text className="draws__line">就诊人：{t.patient.name}</Text>
      <Text className={`draws__note draws__note--${t.state}`} data-testid="draw-ticket-note">
        {ticketOutcomeText(t)}
      </Text>
      {t.state === 'won' && t.orderId && (
        <View className="draws__actions">
          <ActionButton onClick={() => open(withQuery(ROUTES.order, { id: t.orderId! }))} testId="draw-ticket-order">
            查看预约
          </ActionButton>
        </View>
      )}
    </View>
  );
}

/** 放号抽签: the account's recent release draws, shown above the bookings while there are any. */
export function DrawTickets({ items }: { items: DrawTicket[] }) {
  if (items.length === 0) return null;
  return (
    <View className="draws" data-testid="draw-tickets" role="region" aria-label="放号抽签">
      <Text className="draws__title">放号抽签</Text>
      {items.map((t) => (
        <DrawTicketCard key={t.id} t={t} />
      ))}
    </View>
  );
}
