import { useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Form, Input, Popconfirm, Select, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { AdvisorLeaveDay } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { useStaffList } from '../staff/staff-api.ts';
import { useAddLeave, useDeleteLeave, useLeave } from './service-api.ts';

type Values = { date: Dayjs | null; note: string };

/** One advisor's leave days; `staffId` is chosen from the store's active service advisors. */
const LeaveList = ({ staffId, canWrite }: { staffId: string; canWrite: boolean }) => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const leave = useLeave(staffId);
  const add = useAddLeave(staffId);
  const remove = useDeleteLeave(staffId);

  const submit = (v: Values) => {
    if (!v.date) {
      void message.warning(t('field.date'));
      return;
    }
    add.mutate(
      { date: v.date.format('YYYY-MM-DD'), note: v.note.trim() || null },
      {
        onSuccess: () => {
          void message.success(t('leave.added'));
          form.resetFields();
        },
        onError: (error) => void message.error(error.message),
      },
    );
  };

  return (
    <>
      <LoadFailedAlert error={leave.error} />
      {canWrite && (
        <Form<Values>
          form={form}
          layout="inline"
          onFinish={submit}
          initialValues={{ date: null, note: '' }}
          style={{ margin: '16px 0', rowGap: 8 }}
        >
          <Form.Item name="date">
            <DatePicker placeholder={t('leave.date')} data-testid="leave-date" />
          </Form.Item>
          <Form.Item name="note">
            <Input
              placeholder={t('leave.notePlaceholder')}
              maxLength={100}
              style={{ width: 180 }}
              data-testid="leave-note"
            />
          </Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />} loading={add.isPending} data-testid="leave-add">
            {t('leave.add')}
          </Button>
        </Form>
      )}
      <Table<AdvisorLeaveDay>
        rowKey="id"
        size="small"
        dataSource={leave.data}
        loading={leave.isPending}
        pagination={{ pageSize: 8, hideOnSinglePage: true }}
        locale={{ emptyText: t('leave.empty') }}
        data-testid="leave-table"
        columns={[
          { title: t('leave.date'), dataIndex: 'date', className: 'nowrap tabular', width: 130 },
          { title: t('leave.note'), dataIndex: 'note', render: (note: string | null) => note ?? t('common.none') },
          ...(canWrite
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 90,
                  render: (_: unknown, d: AdvisorLeaveDay) => (
                    <Popconfirm
                      title={t('leave.deleteConfirm', { date: d.date })}
                      okText={t('common.yes')}
                      cancelText={t('common.no')}
                      onConfirm={() =>
                        remove.mutateAsync(d.id).then(
                          () => void message.success(t('closures.deleted')),
                          (error: Error) => void message.error(error.message),
                        )
                      }
                    >
                      <Button type="link" danger size="small" icon={<DeleteOutlined />}>
                        {t('closures.delete')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
};

/** 顾问请假: pick one of the store's service advisors, then their days off. */
export const LeaveCard = ({ storeId, canWrite }: { storeId: string; canWrite: boolean }) => {
  const { t } = useI18n();
  const staff = useStaffList({ storeId, q: '' });
  const advisors = (staff.data ?? []).filter((s) => s.role === 'service_advisor' && s.status === 'active');
  const [picked, setPicked] = useState<string | null>(null);
  const staffId = advisors.some((a) => a.id === picked) ? picked : (advisors[0]?.id ?? null);

  return (
    <Card
      title={t('leave.title')}
      extra={<Typography.Text type="secondary">{t('leave.hint')}</Typography.Text>}
      style={{ marginTop: 16 }}
    >
      <Select
        style={{ minWidth: 200 }}
        value={staffId ?? undefined}
        placeholder={t('leave.pickAdvisor')}
        loading={staff.isPending}
        options={advisors.map((a) => ({ value: a.id, label: a.name }))}
        onChange={setPicked}
        data-testid="leave-advisor"
      />
      {staffId ? (
        <LeaveList key={staffId} staffId={staffId} canWrite={canWrite} />
      ) : (
        !staff.isPending && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('leave.noAdvisors')} />
      )}
    </Card>
  );
};
