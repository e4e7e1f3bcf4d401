import { useState } from 'react';
import { Alert, Col, Result, Row, Segmented, Space, Typography } from 'antd';
import { useCan } from '../auth/session.ts';
import { useI18n } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { PageHeader } from '../layout/page-header.tsx';
import { useCalendar } from './calendar-api.ts';
import { DaysCard } from './days-card.tsx';
import { HoursCard } from './hours-card.tsx';

/** 工作日历: the national holidays and adjusted working days, the group's own days, its business hours. */
export const CalendarPage = () => {
  const { t } = useI18n();
  const can = useCan();
  return can('tenant.settings') ? <CalendarEditor /> : <Result status="403" title={t('common.forbidden')} />;
};

const CalendarEditor = () => {
  const { t } = useI18n();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const calendar = useCalendar(year);
  const data = calendar.data;
  return (
    <>
      <PageHeader
        title={t('calendar.title')}
        subtitle={t('calendar.subtitle')}
        extra={
          <Segmented<number>
            value={year}
            onChange={setYear}
            options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({
              value: y,
              label: t('calendar.year', { year: y }),
            }))}
            data-testid="calendar-year"
          />
        }
      />
      <LoadFailedAlert error={calendar.error} />
      {data && (
        <Space direction="vertical" size={4} style={{ marginBottom: 16 }}>
          {data.nationalSource ? (
            <Typography.Text type="secondary" data-testid="calendar-source">
              {t('calendar.source', { source: data.nationalSource })}
            </Typography.Text>
          ) : (
            <Alert
              type="warning"
              showIcon
              title={t('calendar.noNational', { year })}
              data-testid="calendar-no-national"
            />
          )}
          <Typography.Text type="secondary">{t('calendar.zone', { zone: data.timezone })}</Typography.Text>
        </Space>
      )}
      <Row gutter={[20, 20]}>
        <Col xs={24} xl={16}>
          <DaysCard year={year} calendar={data} loading={calendar.isPending} />
        </Col>
        <Col xs={24} xl={8}>
          <HoursCard calendar={data} />
        </Col>
      </Row>
    </>
  );
};
