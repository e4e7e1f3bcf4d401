import { Button, Form, Switch, Tooltip } from 'antd';
import { CopyOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { weekdays, type Weekday } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { defaultPeriod } from './opening-hours.ts';
import { TimeSelect } from './time-select.tsx';
import styles from './opening-hours-field.module.css';

const maxPeriods = 4;
const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The week's opening hours inside the store form: per day closed, or up to four open–close periods. */
export const OpeningHoursField = () => {
  const { t } = useI18n();
  const form = Form.useFormInstance();

  const copyMonday = () => {
    const monday: unknown = form.getFieldValue(['openingHours', 'mon']);
    for (const day of weekdays.slice(1)) form.setFieldValue(['openingHours', day], structuredClone(monday));
  };

  return (
    <div className={styles.week}>
      {weekdays.map((day) => (
        <DayRow key={day} day={day} />
      ))}
      <Button size="small" icon={<CopyOutlined />} onClick={copyMonday} data-testid="hours-copy-monday">
        {t('hours.copyMonday')}
      </Button>
    </div>
  );
};

const DayRow = ({ day }: { day: Weekday }) => {
  const { t } = useI18n();
  const timeRules = [
    { required: true, message: t('field.required') },
    { pattern: timePattern, message: t('field.time') },
  ];
  return (
    <Form.List name={['openingHours', day]}>
      {(fields, { add, remove }, { errors }) => (
        <div className={styles.day} data-testid={`hours-${day}`}>
          <span className={styles.dayName}>{t(`day.${day}`)}</span>
          <Switch
            className={styles.toggle}
            checked={fields.length > 0}
            checkedChildren={t('hours.open')}
            unCheckedChildren={t('hours.closed')}
            onChange={(open) => (open ? add({ ...defaultPeriod }) : remove(fields.map((f) => f.name)))}
            data-testid={`hours-${day}-open`}
          />
          <div className={styles.periods}>
            {fields.map((field) => (
              <div key={field.key} className={styles.period}>
                <Form.Item name={[field.name, 'open']} rules={timeRules} className={styles.time}>
                  <TimeSelect
                    aria-label={`${t(`day.${day}`)} ${t('hours.openAt')}`}
                    data-testid={`hours-${day}-${field.name}-open`}
                  />
                </Form.Item>
                <span className={styles.to}>{t('hours.to')}</span>
                <Form.Item name={[field.name, 'close']} rules={timeRules} className={styles.time}>
                  <TimeSelect
                    aria-label={`${t(`day.${day}`)} ${t('hours.closeAt')}`}
                    data-testid={`hours-${day}-${field.name}-close`}
                  />
                </Form.Item>
                <Tooltip title={t('hours.removePeriod')}>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />
                </Tooltip>
              </div>
            ))}
            {fields.length > 0 && fields.length < maxPeriods && (
              <Tooltip title={t('hours.addPeriod')}>
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ open: '', close: '' })} />
              </Tooltip>
            )}
            {fields.length === 0 && <span className={styles.closed}>{t('hours.summaryClosed')}</span>}
            <Form.ErrorList errors={errors} />
          </div>
        </div>
      )}
    </Form.List>
  );
};
