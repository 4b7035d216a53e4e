import { Text } from '@tarojs/components';
import { PageShell } from '../../components/page-shell';

// Placeholder while the page is being written (this session).
export default function Placeholder() {
  return (
    <PageShell>
      <Text>公告详情</Text>
    </PageShell>
  );
}
