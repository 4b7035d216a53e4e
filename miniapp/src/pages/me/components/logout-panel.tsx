import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { ActionButton } from '../../../components/action-button';

/** 退出登录, asked once more inside the page (no pop-up). */
export function LogoutPanel({ onLogout }: { onLogout: () => void }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <ActionButton kind="secondary" block onClick={() => setAsking(true)} testId="me-logout">
        退出登录
      </ActionButton>
    );
  }
  return (
    <View className="me__logout">
      <Text className="me__logout-question">确定退出登录吗？退出后需重新验证手机号才能预约。</Text>
      <View className="me__logout-actions">
        <ActionButton kind="secondary" onClick={() => setAsking(false)}>
          不退出
        </ActionButton>
        <ActionButton kind="danger" onClick={onLogout} testId="me-logout-confirm">
          确认退出
        </ActionButton>
      </View>
    </View>
  );
}
