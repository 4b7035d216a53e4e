import { Text, View } from '@tarojs/components';
import { ActionButton } from '../action-button';
import './index.scss';

interface Props {
  loadingMore: boolean;
  hasMore: boolean;
  error: string | null;
  onMore: () => void;
}

/** The end of a paged list: loading, an explicit 加载更多 (reaching the bottom also loads), or the end. */
export function ListFooter({ loadingMore, hasMore, error, onMore }: Props) {
  return (
    <View className="list-footer">
      {error && (
        <View role="alert">
          <Text className="list-footer__error">{error}</Text>
        </View>
      )}
      {loadingMore ? (
        <Text className="list-footer__text">正在加载…</Text>
      ) : hasMore ? (
        <ActionButton kind="link" onClick={onMore} testId="list-more">
          加载更多
        </ActionButton>
      ) : (
        <Text className="list-footer__text">没有更多了</Text>
      )}
    </View>
  );
}
