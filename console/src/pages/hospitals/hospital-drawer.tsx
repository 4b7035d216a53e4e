import type { HospitalRegistryEntry } from '@cityhealth/shared-types';
import { Alert, Drawer, Spin, Tabs } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { messageOf } from '../../api/api-error';
import { callOperation } from '../../api/client';
import { DeliveryDetails } from './delivery-health';
import { EndpointsForm } from './endpoints-form';
import { SecretsCard } from './secrets-card';

interface Props {
  hospitalId: string | null;
  editable: boolean;
  onClose(): void;
  onChanged(): void;
}

/** One hospital: its credentials, addresses and delivery health. */
export function HospitalDrawer({ hospitalId, editable, onClose, onChanged }: Props) {
  const [entry, setEntry] = useState<HospitalRegistryEntry | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!hospitalId) return;
    try {
      setEntry(await callOperation('consoleHospital', { params: { id: hospitalId } }));
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [hospitalId]);
  useEffect(() => {
    setEntry(null);
    void load();
  }, [load]);
  const changed = () => {
    void load();
    onChanged();
  };

  return (
    <Drawer
      title={entry ? `${entry.name}（${entry.code}）` : '医院'}
      open={hospitalId !== null}
      onClose={onClose}
      width={640}
    >
      {error && <Alert type="error" showIcon role="alert" message={error} />}
      {!entry && !error && <Spin />}
      {entry && (
        <Tabs
          items={[
            { key: 'delivery', label: '推送状态', children: <DeliveryDetails health={entry.delivery} /> },
            {
              key: 'secrets',
              label: '接口密钥',
              children: <SecretsCard hospital={entry} editable={editable} onChanged={changed} />,
            },
            {
              key: 'endpoints',
              label: '接口地址',
              children: (
                <EndpointsForm
                  hospital={entry}
                  editable={editable}
                  onSaved={(e) => {
                    setEntry(e);
                    onChanged();
                  }}
                />
              ),
            },
          ]}
        />
      )}
    </Drawer>
  );
}
