import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api } from '../../api';
import { ActionButton } from '../../components/action-button';
import { PageShell } from '../../components/page-shell';
import { Section } from '../../components/section';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-view';
import { useRemote } from '../../hooks/use-remote';
import { tapProps } from '../../platform/tap';
import { helpGroups } from './content.logic';
import './content.scss';

const HOTLINE = '12320';

/** The help centre: questions by category, each opening its answer in place, with a search and the hotline. */
export default function HelpPage() {
  const { state, reload } = useRemote(() => api.help(), []);
  const [query, setQuery] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);

  const body = (() => {
    if (state.kind === 'loading') return <LoadingState />;
    if (state.kind === 'error') return <ErrorState message={state.message} onRetry={reload} />;
    const groups = helpGroups(state.data.items, query);
    if (groups.length === 0)
      return (
        <EmptyState text={query.trim() ? `没有找到与“${query.trim()}”有关的问题，可拨打热线咨询` : '暂无帮助内容'} />
      );
    return groups.map((g) => (
      <Section key={g.category} title={g.category}>
        {g.articles.map((a) => {
          const expanded = openId === a.id;
          return (
            <View key={a.id} className="content__qa">
              <View
                className="content__question"
                aria-expanded={expanded}
                data-testid="help-question"
                {...tapProps(() => setOpenId(expanded ? null : a.id))}
              >
                <Text className="content__question-text">{a.question}</Text>
                <Text className="content__toggle" aria-hidden="true">
                  {expanded ? '收起' : '展开'}
                </Text>
              </View>
              {expanded && (
                <Text className="content__answer" data-testid="help-answer">
                  {a.answer}
                </Text>
              )}
            </View>
          );
        })}
      </Section>
    ));
  })();

  return (
    <PageShell className="content">
      <View className="content__search">
        <Input
          className="content__search-input"
          value={query}
          placeholder="搜索问题，如“取消”“退款”"
          placeholderClass="content__search-placeholder"
          aria-label="搜索问题"
          data-testid="help-search"
          onInput={(e) => setQuery(e.detail.value)}
        />
      </View>
      {body}
      <View className="content__hotline">
        <Text className="content__hotline-text">仍有疑问？卫生健康服务热线 {HOTLINE}</Text>
        <ActionButton
          kind="secondary"
          onClick={() => void Taro.makePhoneCall({ phoneNumber: HOTLINE }).catch(() => undefined)}
          testId="help-call"
        >
          拨打 {HOTLINE}
        </ActionButton>
      </View>
    </PageShell>
  );
}
