import { useCallback, useState } from 'react';
import { Button, DotLoading, Input, List, NavBar, Selector, Toast } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { errorText } from '@m4s/web-kit';
import { LoadFailed } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useCheckIn, useCheckInEvents } from './check-in-api.ts';
import { barcodeDetector, Scanner } from './scanner.tsx';
import './check-in.css';

type Done = { id: string; name: string; points: number };

/**
 * 活动签到: pick today's event, then scan the owner's QR ticket with the camera (BarcodeDetector, where the
 * browser has it) or type / paste its code. Each ticket checks in once; the server says why one is refused.
 */
export const CheckInPage = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const events = useCheckInEvents();
  const checkIn = useCheckIn();
  const [picked, setPicked] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [scanning, setScanning] = useState(false);
  const [cameraNote, setCameraNote] = useState<string | null>(barcodeDetector() ? null : 'eventCheckIn.noCamera');
  const [done, setDone] = useState<Done[]>([]);
  const list = events.data?.items ?? [];
  const eventId = picked ?? (list.length === 1 ? (list[0]?.id ?? null) : null);
  const current = list.find((e) => e.id === eventId);

  const submit = useCallback(
    (value: string) => {
      if (!eventId || !value.trim()) return;
      checkIn.mutate(
        { eventId, code: value.trim() },
        {
          onSuccess: (r) => {
            setCode('');
            setDone((d) => [{ id: r.signupId, name: r.customerName, points: r.points }, ...d]);
            Toast.show({ icon: 'success', content: t('eventCheckIn.done', { name: r.customerName }) });
          },
          onError: (error) => Toast.show({ content: errorText(error, t('eventCheckIn.failed')), duration: 3000 }),
        },
      );
    },
    [checkIn, eventId, t],
  );
  const cameraFailed = useCallback(() => {
    setScanning(false);
    setCameraNote(barcodeDetector() ? 'eventCheckIn.cameraFailed' : 'eventCheckIn.noCamera');
  }, []);

  return (
    <div className="check-in-page" data-testid="page-check-in">
      <NavBar onBack={() => void navigate('/')}>{t('eventCheckIn.title')}</NavBar>
      {events.isPending ? (
        <DotLoading color="primary" />
      ) : events.isError ? (
        <LoadFailed onRetry={() => void events.refetch()} />
      ) : list.length === 0 ? (
        <div className="check-in-body check-in-hint">{t('eventCheckIn.none')}</div>
      ) : (
        <div className="check-in-body">
          <Selector
            data-testid="check-in-events"
            columns={1}
            value={eventId ? [eventId] : []}
            onChange={(v) => setPicked(v[0] ?? null)}
            options={list.map((e) => ({ label: e.title, value: e.id, description: e.place }))}
          />
          {current ? (
            <>
              <div className="check-in-hint" data-testid="check-in-progress">
                {t('eventCheckIn.progress', { done: current.checkedIn, total: current.confirmed })}
              </div>
              {scanning ? <Scanner onCode={submit} onFail={cameraFailed} /> : null}
              {cameraNote ? (
                <div className="check-in-hint" data-testid="check-in-camera-note">
                  {t(cameraNote as 'eventCheckIn.noCamera')}
                </div>
              ) : (
                <Button block onClick={() => setScanning((s) => !s)} data-testid="check-in-scan">
                  {scanning ? t('eventCheckIn.stopScan') : t('eventCheckIn.scan')}
                </Button>
              )}
              <div className="check-in-row">
                <Input
                  value={code}
                  onChange={setCode}
                  placeholder={t('eventCheckIn.codePlaceholder')}
                  aria-label={t('eventCheckIn.code')}
                  data-testid="check-in-code"
                  onEnterPress={() => submit(code)}
                />
                <Button
                  color="primary"
                  loading={checkIn.isPending}
                  onClick={() => submit(code)}
                  data-testid="check-in-submit"
                >
                  {t('eventCheckIn.submit')}
                </Button>
              </div>
              {done.length > 0 ? (
                <List header={t('eventCheckIn.recent')} data-testid="check-in-done">
                  {done.map((d) => (
                    <List.Item key={d.id} extra={d.points > 0 ? t('eventCheckIn.points', { points: d.points }) : null}>
                      {d.name}
                    </List.Item>
                  ))}
                </List>
              ) : null}
            </>
          ) : (
            <div className="check-in-hint">{t('eventCheckIn.pick')}</div>
          )}
        </div>
      )}
    </div>
  );
};
