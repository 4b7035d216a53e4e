import { EntitySchema } from 'typeorm';
import { col } from '../columns.js';

/** A staff key (machine access for hospital finance and administrators); only its hash is kept. */
export interface StaffAccountRow {
  id: string;
  name: string;
  role: string;
  hospitalId: string | null;
  keyHash: string;
  createdAt: number;
  disabledAt: number | null;
}

export const StaffAccount = new EntitySchema<StaffAccountRow>({
  name: 'StaffAccount',
  tableName: 'staff_account',
  columns: {
    id: col.id(),
    name: col.str(60),
    role: col.str(10),
    hospitalId: { ...col.str(36, true), name: 'hospital_id' },
    keyHash: { ...col.str(64), name: 'key_hash' },
    createdAt: { ...col.instant(), name: 'created_at' },
    disabledAt: { ...col.instant(true), name: 'disabled_at' },
  },
});
