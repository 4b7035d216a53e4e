import type { ReactNode } from 'react';

/** The page's one h1, at a console's reading size (antd's level-1 title is a poster's). */
export function PageTitle({ children }: { children: ReactNode }) {
  return <h1 className="console-page-title">{children}</h1>;
}
