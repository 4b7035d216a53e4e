import { useEffect, useState } from 'react';
import { callOperation } from './client';

export interface HospitalOption {
  value: string;
  label: string;
}

/** The catalogue's page size limit: the list is read page by page. */
const PAGE_SIZE = 50;

async function allHospitals(): Promise<HospitalOption[]> {
  const options: HospitalOption[] = [];
  for (let page = 1; ; page++) {
    const answer = await callOperation('listHospitals', { query: { page, pageSize: PAGE_SIZE } });
    options.push(...answer.items.map((h) => ({ value: h.id, label: h.name })));
    if (answer.items.length < PAGE_SIZE || options.length >= answer.total) return options;
  }
}

/** Every hospital of the platform as select options (GET /api/v1/hospitals); empty until loaded or when not wanted. */
export function useHospitals(wanted = true): { options: HospitalOption[]; loading: boolean; error: unknown } {
  const [state, setState] = useState<{ options: HospitalOption[]; loading: boolean; error: unknown }>({
    options: [],
    loading: wanted,
    error: null,
  });
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    allHospitals().then(
      (options) => live && setState({ options, loading: false, error: null }),
      (error: unknown) => live && setState({ options: [], loading: false, error }),
    );
    return () => {
      live = false;
    };
  }, [wanted]);
  return state;
}
