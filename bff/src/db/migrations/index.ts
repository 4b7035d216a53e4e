import { InitialSchema1763800000000 } from './1763800000000-initial-schema.js';
import { Payments1763900000000 } from './1763900000000-payments.js';
import { Reconciliation1764100000000 } from './1764100000000-reconciliation.js';
import { PaymentScene1764200000000 } from './1764200000000-payment-scene.js';
import { BinaryCodes1764300000000 } from './1764300000000-binary-codes.js';
import { SlotStatusIndex1764400000000 } from './1764400000000-slot-status-index.js';
import { PaymentDiscrepancy1764500000000 } from './1764500000000-payment-discrepancy.js';
import { NamedKeys1764600000000 } from './1764600000000-named-keys.js';
import { HospitalInterface1764700000000 } from './1764700000000-hospital-interface.js';
import { HisKeys1764800000000 } from './1764800000000-his-keys.js';
import { Outbox1764900000000 } from './1764900000000-outbox.js';
import { Notices1765100000000 } from './1765100000000-notices.js';
import { Records1765200000000 } from './1765200000000-records.js';
import { StaffConsole1765300000000 } from './1765300000000-staff-console.js';
import { OrderOrigin1765350000000 } from './1765350000000-order-origin.js';
import { ConsoleAudit1765400000000 } from './1765400000000-console-audit.js';
import { ConsoleContent1765500000000 } from './1765500000000-console-content.js';
import { StatisticsIndexes1765600000000 } from './1765600000000-statistics-indexes.js';
import { StatisticsOffTheBookingPath1765650000000 } from './1765650000000-statistics-off-the-booking-path.js';
import { Waitlist1765700000000 } from './1765700000000-waitlist.js';
import { ScheduleDoctorIndex1765710000000 } from './1765710000000-schedule-doctor-index.js';
import { PatientDocuments1765720000000 } from './1765720000000-patient-documents.js';
import { Agreements1765721000000 } from './1765721000000-agreements.js';
import { HospitalLocation1765730000000 } from './1765730000000-hospital-location.js';
import { HospitalSignatureMethod1765760000000 } from './1765760000000-hospital-signature-method.js';
import { ServiceMinutes1765790000000 } from './1765790000000-service-minutes.js';
import { ReleaseDraw1765810000000 } from './1765810000000-release-draw.js';
import { DrawTicketToldPending1765820000000 } from './1765820000000-draw-ticket-told-pending.js';
import { PatientNationality1765830000000 } from './1765830000000-patient-nationality.js';
import { DrawTicketAccountIndex1765840000000 } from './1765840000000-draw-ticket-account-index.js';

/** Every migration, oldest first. Listed explicitly: no file globbing at run time. */
export const MIGRATIONS = [
  InitialSchema1763800000000,
  Payments1763900000000,
  Reconciliation1764100000000,
  PaymentScene1764200000000,
  BinaryCodes1764300000000,
  SlotStatusIndex1764400000000,
  PaymentDiscrepancy1764500000000,
  NamedKeys1764600000000,
  HospitalInterface1764700000000,
  HisKeys1764800000000,
  Outbox1764900000000,
  Notices1765100000000,
  Records1765200000000,
  StaffConsole1765300000000,
  OrderOrigin1765350000000,
  ConsoleAudit1765400000000,
  ConsoleContent1765500000000,
  StatisticsIndexes1765600000000,
  StatisticsOffTheBookingPath1765650000000,
  Waitlist1765700000000,
  ScheduleDoctorIndex1765710000000,
  PatientDocuments1765720000000,
  Agreements1765721000000,
  HospitalLocation1765730000000,
  HospitalSignatureMethod1765760000000,
  ServiceMinutes1765790000000,
  ReleaseDraw1765810000000,
  DrawTicketToldPending1765820000000,
  PatientNationality1765830000000,
  DrawTicketAccountIndex1765840000000,
];
