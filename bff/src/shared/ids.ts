import { v7 as uuidv7 } from 'uuid';

/** Time-ordered ids keep InnoDB primary keys append-mostly. */
export const newId = (): string => uuidv7();
