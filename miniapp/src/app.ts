import type { PropsWithChildren } from 'react';
import { currentEdition, onEditionChange } from './edition/edition-store';
import { markEditionRoot } from './platform/edition-root';
import './app.scss';

markEditionRoot(currentEdition());
onEditionChange(markEditionRoot);

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
