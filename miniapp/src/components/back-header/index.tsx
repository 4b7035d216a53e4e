import { View } from '@tarojs/components';
import { backOr } from '../../features/navigation';
import { ROUTES } from '../../routes';
import { ActionButton } from '../action-button';
import './index.scss';

/** ‹ 返回 at the top of a deep page, where the platform shows no back arrow (H5); home when nothing is behind it. */
export function BackHeader() {
  return (
    <View className="back-header">
      <ActionButton kind="link" className="back-header__button" onClick={() => backOr(ROUTES.home)} testId="page-back">
        ‹ 返回
      </ActionButton>
    </View>
  );
}
