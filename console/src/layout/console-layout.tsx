import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Layout, Menu, Space, Tag, Typography } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { pagesFor } from '../navigation';
import { useStaffSession, useSession } from '../session/session-context';

const { Header, Sider, Content } = Layout;

/** The frame of every signed-in page: the role's side menu, who is signed in, and the page. */
export function ConsoleLayout() {
  const { staff } = useStaffSession();
  const { logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const pages = staff.mustChangePassword ? [] : pagesFor(staff.role);
  const selected = pages.find((p) => p.path === location.pathname)?.path;

  return (
    <Layout className="console-frame">
      <Sider width={208} breakpoint="lg" collapsedWidth={0} className="console-sider">
        <div className="console-brand">
          <span className="console-brand-title">预约挂号平台</span>
          <span className="console-brand-sub">工作台</span>
        </div>
        <nav aria-label="主菜单">
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            items={pages.map((p) => ({ key: p.path, icon: p.icon, label: p.label }))}
            onClick={({ key }) => navigate(key)}
          />
        </nav>
      </Sider>
      <Layout>
        <Header className="console-header">
          <Space size="middle" className="console-who">
            <Tag color="blue">{staff.roleLabel}</Tag>
            {staff.hospital && <Typography.Text>{staff.hospital.name}</Typography.Text>}
          </Space>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
                { type: 'divider' },
                { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
              ],
              onClick: ({ key }) => (key === 'logout' ? void logout() : navigate('/password')),
            }}
          >
            <Button type="text" icon={<UserOutlined />} aria-label={`用户菜单：${staff.name}`}>
              {staff.name} <DownOutlined />
            </Button>
          </Dropdown>
        </Header>
        {/* antd's Content is the page's <main> landmark */}
        <Content className="console-content">
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
