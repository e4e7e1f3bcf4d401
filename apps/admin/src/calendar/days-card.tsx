import { App, Button, Card, DatePicker, Form, Input, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type {
  CalendarDay,
  CalendarDayKind,
  CalendarOverride,
  CalendarOverrideKind,
  TenantCalendar,
} from '@m4s/contracts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { useRemoveDay, useSetDay } from './calendar-api.ts';

type Values = { day: Dayjs | null; kind: CalendarOverrideKind; note: string };

const kindColor: Record<CalendarDayKind, string> = {
  workday: 'default',
  weekend: 'default',
  holiday: 'red',
  adjusted_workday: 'blue',
  tenant_closed: 'volcano',
  tenant_working: 'geekblue',
};
const kindKey = (kind: CalendarDayKind): MessageKey => `calendar.kind.${kind}`;

/** Consecutive days of the same holiday as one line: 春节 2026-02-15 – 02-23 (9天). */
const spans = (days: CalendarDay[]) => {
  const out: { from: string; to: string; count: number; day: CalendarDay }[] = [];
  for (const d of days) {
    const last = out[out.length - 1];
    const next = last && dayjs(last.to).add(1, 'day').format('YYYY-MM-DD');
    if (last && d.kind === 'holiday' && last.day.kind === 'holiday' && last.day.name === d.name && next === d.day) {
      last.to = d.day;
      last.count += 1;
    } else out.push({ from: d.day, to: d.day, count: 1, day: d });
  }
  return out;
};

/** 年度日历: the year's holidays and adjusted working days, and the group's own closed / working days. */
export const DaysCard = ({
  year,
  calendar,
  loading,
}: {
  year: number;
  calendar?: TenantCalendar;
  loading: boolean;
}) => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const setDay = useSetDay();
  const removeDay = useRemoveDay();

  const submit = (v: Values) => {
    if (!v.day) {
      void message.warning(t('calendar.dayRequired'));
      return;
    }
    setDay.mutate(
      { day: v.day.format('YYYY-MM-DD'), kind: v.kind, note: v.note.trim() || null },
      {
        onSuccess: () => {
          void message.success(t('calendar.daySaved'));
          form.resetFields();
        },
        onError: (error) => void message.error(error.message),
      },
    );
  };

  const national = spans((calendar?.days ?? []).filter((d) => d.kind === 'holiday' || d.kind === 'adjusted_workday'));
  return (
    <Card title={t('calendar.daysTitle', { year })}>
      <Typography.Paragraph type="secondary">{t('calendar.daysHint')}</Typography.Paragraph>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }} data-testid="calendar-national">
        {national.map((s) => (
          <Tag key={s.from} color={kindColor[s.day.kind]}>
            {s.day.kind === 'holiday'
              ? t('calendar.holidaySpan', { name: s.day.name ?? '', from: s.from, to: s.to.slice(5), count: s.count })
              : t('calendar.adjustedDay', { day: s.from })}
          </Tag>
        ))}
      </div>
      <Form<Values>
        form={form}
        layout="inline"
        onFinish={submit}
        initialValues={{ day: null, kind: 'closed', note: '' }}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="day">
          <DatePicker
            placeholder={t('calendar.day')}
            disabledDate={(d) => d.year() !== year}
            defaultPickerValue={dayjs().year() === year ? undefined : dayjs(`${year}-01-01`)}
            data-testid="calendar-day"
          />
        </Form.Item>
        <Form.Item name="kind">
          <Select
            style={{ width: 150 }}
            data-testid="calendar-kind"
            options={(['closed', 'working'] as const).map((k) => ({ value: k, label: t(`calendar.override.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="note">
          <Input
            placeholder={t('calendar.notePlaceholder')}
            maxLength={60}
            style={{ width: 180 }}
            data-testid="calendar-note"
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          icon={<PlusOutlined />}
          loading={setDay.isPending}
          data-testid="calendar-add"
        >
          {t('calendar.add')}
        </Button>
      </Form>
      <Table<CalendarOverride>
        rowKey="day"
        size="small"
        loading={loading}
        dataSource={calendar?.overrides}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('calendar.noOverrides') }}
        data-testid="calendar-overrides"
        columns={[
          { title: t('calendar.day'), dataIndex: 'day', className: 'nowrap tabular', width: 120 },
          {
            title: t('calendar.overrideKind'),
            dataIndex: 'kind',
            width: 120,
            render: (k: CalendarOverrideKind) => (
              <Tag color={k === 'closed' ? kindColor.tenant_closed : kindColor.tenant_working}>
                {t(`calendar.override.${k}`)}
              </Tag>
            ),
          },
          { title: t('calendar.note'), dataIndex: 'note', render: (n: string | null) => n ?? '—' },
          {
            title: t('calendar.nationally'),
            key: 'national',
            width: 140,
            render: (_: unknown, o: CalendarOverride) =>
              o.national.name ? `${t(kindKey(o.national.kind))}（${o.national.name}）` : t(kindKey(o.national.kind)),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, o: CalendarOverride) => (
              <Popconfirm
                title={t('calendar.removeConfirm', { day: o.day })}
                okText={t('common.yes')}
                cancelText={t('common.no')}
                onConfirm={() =>
                  removeDay.mutateAsync(o.day).then(
                    () => void message.success(t('calendar.dayRemoved')),
                    (error: Error) => void message.error(error.message),
                  )
                }
              >
                <Button
                  type="link"
                  danger
                  size="small"
                  icon={<DeleteOutlined />}
                  data-testid={`calendar-remove-${o.day}`}
                >
                  {t('calendar.remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
};
