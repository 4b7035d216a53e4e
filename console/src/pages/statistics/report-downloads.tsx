import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Button, DatePicker, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { operationUrl } from '../../api/client';

/** The monthly report (月度数据分析报告) of a month as Excel or PDF, for the chosen hospital or the city. */
export function ReportDownloads({ hospitalId }: { hospitalId: string | undefined }) {
  const [month, setMonth] = useState<Dayjs>(() => dayjs().subtract(1, 'month'));
  const input = { params: { month: month.format('YYYY-MM') }, query: { hospitalId } };
  return (
    <Space wrap>
      <Typography.Text>月度数据分析报告</Typography.Text>
      <DatePicker
        picker="month"
        aria-label="报告月份"
        value={month}
        allowClear={false}
        onChange={(m) => m && setMonth(m)}
        disabledDate={(d) => d.isAfter(dayjs(), 'month')}
      />
      <Button icon={<FileExcelOutlined />} href={operationUrl('monthlyReportXlsx', input)} download>
        下载 Excel
      </Button>
      <Button icon={<FilePdfOutlined />} href={operationUrl('monthlyReportPdf', input)} download>
        下载 PDF
      </Button>
    </Space>
  );
}
