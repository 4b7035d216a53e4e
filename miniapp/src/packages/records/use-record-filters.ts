import { useEffect, useMemo, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import type { Patient } from '@cityhealth/shared-types';
import { api } from '../../api';
import { useRemote, type Remote } from '../../hooks/use-remote';
import { hospitalOptions, preselectedRecordsPatient, type HospitalOption, type RangePreset } from './records.logic';

export interface RecordFilters {
  /** The patients, the orders and the hospital list, loaded together. */
  state: Remote<unknown>;
  reload(): Promise<void>;
  patients: Patient[];
  patient: Patient | undefined;
  setPatientId(id: string): void;
  hospitals: HospitalOption[];
  hospitalId: string;
  setHospitalId(id: string): void;
  range: RangePreset;
  setRange(r: RangePreset): void;
}

/**
 * Whose records, from which hospital, over which dates: the account's patients (only verified ones
 * can be asked for), the hospitals the chosen patient booked at (from the orders) before the others.
 * The orders and the hospital list are extras: without them the choice is 全部就诊医院 alone.
 */
export function useRecordFilters(wantedPatientId?: string, wantedHospitalId?: string): RecordFilters {
  const { state, reload } = useRemote(
    () =>
      Promise.all([
        api.patients(),
        api.orders({ pageSize: 50 }).catch(() => ({ items: [] })),
        api.hospitals({ pageSize: 50 }).catch(() => ({ items: [] })),
      ]),
    [],
  );
  const [patientId, setPatientId] = useState<string | undefined>(wantedPatientId);
  const [hospitalId, setHospitalId] = useState(wantedHospitalId ?? '');
  const [range, setRange] = useState<RangePreset>('1y');
  // A patient verified on the patients page shows as verified on coming back.
  useDidShow(() => {
    if (state.kind === 'ready') void reload();
  });

  const data = state.kind === 'ready' ? state.data : null;
  const patients = data?.[0].items ?? [];
  const chosen =
    patientId && patients.some((p) => p.id === patientId) ? patientId : preselectedRecordsPatient(patients);
  const patient = patients.find((p) => p.id === chosen);
  const hospitals = useMemo(
    () => (data ? hospitalOptions(chosen, data[1].items, data[2].items) : hospitalOptions(chosen, [], [])),
    [data, chosen],
  );
  useEffect(() => {
    if (chosen && chosen !== patientId) setPatientId(chosen);
  }, [chosen, patientId]);

  return {
    state,
    reload,
    patients,
    patient,
    setPatientId: (id) => {
      setPatientId(id);
      setHospitalId('');
    },
    hospitals,
    hospitalId,
    setHospitalId,
    range,
    setRange,
  };
}
