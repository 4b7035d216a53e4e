import { useEffect, useState } from 'react';
import { chooseEdition, currentEdition, fontScale, onEditionChange, type Edition } from './edition-store';

export interface EditionView {
  edition: Edition;
  elder: boolean;
  /** Turns the elder edition on or off (remembered). */
  setElder(on: boolean): void;
  /** The platform's large-font factor for the `--fs` variable of the page root. */
  scale: number;
}

export function useEdition(): EditionView {
  const [edition, setEdition] = useState<Edition>(currentEdition);
  useEffect(() => onEditionChange(setEdition), []);
  return {
    edition,
    elder: edition === 'elder',
    setElder: (on) => chooseEdition(on ? 'elder' : 'standard'),
    scale: fontScale(),
  };
}
