import type { OrderEventRow, OrderRow } from '../../db/entities/index.js';

/** An order with the names a patient sees, as the booking transaction and the order queries produce it. */
export interface OrderRecord extends OrderRow {
  patientName: string;
  patientIdMasked: string;
  hospitalName: string;
  hospitalAddress: string;
  departmentName: string;
  doctorName: string | null;
  doctorTitle: string | null;
  slotSeq: number;
  scheduleType: string;
  /** The hospital's visit number (就诊号), once its system answered a push with one. */
  visitNumber: string | null;
  history: OrderEventRow[];
}
