import { TabBar } from '../components/tab-bar';
import './index.scss';

/** The custom tab bar WeChat hosts (app.config.ts: `custom`), and Alipay through customize-tab-bar. */
export default function CustomTabBar() {
  return <TabBar />;
}
