import { Text, View } from '@tarojs/components';
import { Section } from '../../../components/section';
import { tapProps } from '../../../platform/tap';

/** The booking (or waitlist) rules and the patient's agreement to them. */
export function RulesAgreement({
  rules,
  agreed,
  onToggle,
  title = '预约须知',
  agreeText = '我已阅读并同意预约须知',
}: {
  rules: string[];
  agreed: boolean;
  onToggle: () => void;
  title?: string;
  agreeText?: string;
}) {
  return (
    <Section title={title}>
      {rules.map((r, i) => (
        <Text key={r} className="confirm__rule">
          {i + 1}. {r}
        </Text>
      ))}
      <View
        className={`confirm__agree${agreed ? ' confirm__agree--on' : ''}`}
        aria-checked={agreed}
        data-testid="booking-rules-agree"
        {...tapProps(onToggle, 'checkbox')}
      >
        <Text className="confirm__agree-text">
          {agreed ? '☑' : '☐'} {agreeText}
        </Text>
      </View>
    </Section>
  );
}
