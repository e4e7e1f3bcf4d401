import { useState } from 'react';
import { Alert, Button, InputNumber, List, Modal, Popconfirm, Space, Typography, message } from 'antd';
import type { Vehicle } from '@m4s/contracts';
import { ApiError, dayOf, km } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { useFixFlaggedMileage } from './vehicle-api.ts';

type Flagged = Vehicle['mileage']['flagged'][number];

/**
 * Odometer values kept aside as contradicting the car's series (an import or DMS order below an earlier
 * reading, or above a later one): never in the forecast until a person accepts, corrects or discards them.
 */
export const FlaggedMileage = ({ vehicle: v, canWrite }: { vehicle: Vehicle; canWrite: boolean }) => {
  const { t, locale } = useI18n();
  const fix = useFixFlaggedMileage();
  const [correcting, setCorrecting] = useState<Flagged | null>(null);
  const [value, setValue] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (v.mileage.flagged.length === 0) return null;
  const run = (f: Flagged, input: { action: 'accept' | 'correct' | 'discard'; km?: number }, done?: () => void) =>
    fix.mutate(
      { id: v.id, kind: f.kind, flagId: f.id, input },
      {
        onSuccess: () => {
          void message.success(t('mileageFix.done'));
          done?.();
        },
        onError: (e) => setError(e instanceof ApiError ? e.message : t('common.networkError')),
      },
    );
  return (
    <>
      <Alert
        type="warning"
        showIcon
        style={{ marginTop: 8 }}
        data-testid="vehicle-flagged-mileage"
        title={t('mileageFix.title', { count: v.mileage.flagged.length })}
        description={
          <>
            <List
              size="small"
              dataSource={v.mileage.flagged}
              renderItem={(f) => (
                <List.Item
                  actions={
                    canWrite
                      ? [
                          <Popconfirm
                            key="accept"
                            title={t('mileageFix.acceptConfirm')}
                            onConfirm={() => run(f, { action: 'accept' })}
                          >
                            <Button type="link" size="small" data-testid={`flag-accept-${f.id}`}>
                              {t('mileageFix.accept')}
                            </Button>
                          </Popconfirm>,
                          <Button
                            key="correct"
                            type="link"
                            size="small"
                            data-testid={`flag-correct-${f.id}`}
                            onClick={() => {
                              setCorrecting(f);
                              setValue(f.km);
                              setError(null);
                            }}
                          >
                            {t('mileageFix.correct')}
                          </Button>,
                          <Popconfirm
                            key="discard"
                            title={t('mileageFix.discardConfirm')}
                            onConfirm={() => run(f, { action: 'discard' })}
                          >
                            <Button type="link" size="small" danger data-testid={`flag-discard-${f.id}`}>
                              {t('mileageFix.discard')}
                            </Button>
                          </Popconfirm>,
                        ]
                      : []
                  }
                >
                  <Space wrap>
                    <span className="tabular">{t('vehicle.km', { km: km(f.km, locale) })}</span>
                    <Typography.Text type="secondary">{dayOf(f.at)}</Typography.Text>
                    <Typography.Text type="secondary">
                      {f.repairOrderNumber
                        ? t('mileageFix.order', { number: f.repairOrderNumber })
                        : t('mileageFix.reading')}
                    </Typography.Text>
                    <Typography.Text type="warning">{t(`mileageFix.reason.${f.reason}`)}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
            {error && !correcting && <Typography.Text type="danger">{error}</Typography.Text>}
          </>
        }
      />
      <Modal
        open={correcting !== null}
        title={t('mileageFix.correctTitle')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={fix.isPending}
        onCancel={() => setCorrecting(null)}
        onOk={() => {
          if (!correcting) return;
          if (value === null) return setError(t('mileageFix.valueRequired'));
          run(correcting, { action: 'correct', km: value }, () => setCorrecting(null));
        }}
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <InputNumber
          min={0}
          max={2_000_000}
          precision={0}
          value={value}
          onChange={(n) => setValue(n)}
          style={{ width: 200 }}
          data-testid="flag-correct-km"
        />
      </Modal>
    </>
  );
};
