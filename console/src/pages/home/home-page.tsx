import { Card, Col, Descriptions, Empty, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { pagesFor } from '../../navigation';
import { useStaffSession } from '../../session/session-context';

/** 工作台首页: who is signed in, and the pages the role can use. */
export default function HomePage() {
  const { staff, expiresAt, idleTimeoutSeconds } = useStaffSession();
  const others = pagesFor(staff.role).filter((p) => p.path !== '/');
  return (
    <>
      <Typography.Title level={1} className="console-page-title">
        您好，{staff.name}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="当前登录">
            <Descriptions column={1} size="small">
              <Descriptions.Item label="用户名">{staff.username}</Descriptions.Item>
              <Descriptions.Item label="角色">{staff.roleLabel}</Descriptions.Item>
              <Descriptions.Item label="所属单位">{staff.hospital?.name ?? '卫健委 / 平台'}</Descriptions.Item>
              <Descriptions.Item label="自动退出">
                {Math.round(idleTimeoutSeconds / 60)} 分钟无操作后；最迟 {new Date(expiresAt).toLocaleString('zh-CN')}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="可用功能">
            {others.length ? (
              <ul className="console-home-links">
                {others.map((p) => (
                  <li key={p.path}>
                    <Link to={p.path}>
                      {p.icon} {p.label}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="您的角色暂无其他可用功能" />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
