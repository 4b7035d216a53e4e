import { Text, View } from '@tarojs/components';
import type { Patient } from '@cityhealth/shared-types';
import { RELATION_LABELS } from '@cityhealth/shared-types/labels';
import { ActionButton } from '../../../components/action-button';
import { Section } from '../../../components/section';
import { open } from '../../../features/navigation';
import { ROUTES } from '../../../routes';
import { patientChoice } from '../confirm.logic';
import { tapProps } from '../../../platform/tap';
import { documentLine } from '../../../features/patient-document';

interface Props {
  patients: Patient[];
  chosen?: string;
  today: string;
  onChoose: (id: string) => void;
}

/** Who the booking is for: verified patients can be chosen; the others say what is missing. */
export function PatientPicker({ patients, chosen, today, onChoose }: Props) {
  return (
    <Section title="就诊人">
      {patients.length === 0 && <Text className="confirm__hint">还没有就诊人，请先添加并完成实名认证。</Text>}
      {patients.map((p) => {
        const choice = patientChoice(p, today);
        const on = p.id === chosen;
        return (
          <View
            key={p.id}
            className={
              `confirm__patient${on ? ' confirm__patient--on' : ''}` +
              `${choice.selectable ? '' : ' confirm__patient--off'}`
            }
            aria-pressed={on}
            aria-disabled={!choice.selectable}
            data-testid="booking-patient"
            {...tapProps(() => choice.selectable && onChoose(p.id))}
          >
            <Text className="confirm__patient-name">
              {on ? '● ' : '○ '}
              {p.name}（{RELATION_LABELS[p.relation]}）
            </Text>
            <Text className="confirm__patient-meta">{choice.selectable ? documentLine(p) : choice.reason}</Text>
          </View>
        );
      })}
      <ActionButton kind="link" onClick={() => open(ROUTES.patients)}>
        {patients.length === 0 ? '添加就诊人' : '管理就诊人'}
      </ActionButton>
    </Section>
  );
}
