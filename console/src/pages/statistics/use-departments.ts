import { useEffect, useState } from 'react';
import { callOperation } from '../../api/client';

export interface DepartmentOption {
  value: string;
  label: string;
}

/** A hospital's departments (its catalogue, GET /api/v1/hospitals/:id) as select options; none without a hospital. */
export function useDepartments(hospitalId: string | undefined): { options: DepartmentOption[]; loading: boolean } {
  const [state, setState] = useState<{ options: DepartmentOption[]; loading: boolean }>({
    options: [],
    loading: false,
  });
  useEffect(() => {
    if (!hospitalId) {
      setState({ options: [], loading: false });
      return;
    }
    let live = true;
    setState({ options: [], loading: true });
    callOperation('getHospital', { params: { id: hospitalId } }).then(
      (h) =>
        live &&
        setState({
          options: h.departments.flatMap((g) =>
            g.children.length
              ? g.children.map((d) => ({ value: d.id, label: `${g.name} · ${d.name}` }))
              : [{ value: g.id, label: g.name }],
          ),
          loading: false,
        }),
      () => live && setState({ options: [], loading: false }),
    );
    return () => {
      live = false;
    };
  }, [hospitalId]);
  return state;
}
