import { Empty } from 'antd';

/**
 * What a table shows when it has no rows, saying why. antd's plain empty text is too pale to read
 * (below 4.5:1); the Empty description uses the theme's secondary text colour.
 */
export const emptyText = (text: string) => <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />;
