import { Card, Tabs, Typography } from 'antd';
import { roleMay } from '../../navigation';
import { useStaffSession } from '../../session/session-context';
import { AnnouncementsTab } from './announcements-tab';
import { HelpTab } from './help-tab';

/** 公告与帮助: announcements (a scheduler: their hospital's) and, for administrators, the help centre. */
export default function ContentPage() {
  const { staff } = useStaffSession();
  const tabs = [{ key: 'announcements', label: '公告', children: <AnnouncementsTab /> }];
  if (roleMay(staff.role, 'consoleHelpArticles')) tabs.push({ key: 'help', label: '帮助中心', children: <HelpTab /> });
  return (
    <>
      <Typography.Title level={1} className="console-page-title">
        公告与帮助
      </Typography.Title>
      {staff.hospital && <Typography.Paragraph>仅显示和发布 {staff.hospital.name} 的公告</Typography.Paragraph>}
      <Card>
        <Tabs items={tabs} />
      </Card>
    </>
  );
}
