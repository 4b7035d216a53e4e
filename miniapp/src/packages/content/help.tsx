import { Text } from '@tarojs/components';
import { PageShell } from '../../components/page-shell';

// Placeholder while the page is being written (this session).
export default function Placeholder() {
  return (
    <PageShell>
      <Text>帮助中心</Text>
    </PageShell>
  );
}
