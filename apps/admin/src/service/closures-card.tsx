import { App, Button, Card, DatePicker, Form, Input, Popconfirm, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { Closure } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { useAddClosure, useClosures, useDeleteClosure } from './service-api.ts';

type Values = { date: Dayjs | null; reason: string };

/** 休息日: the days ahead when the store takes no bookings, added and removed in place. */
export const ClosuresCard = ({ storeId, canWrite }: { storeId: string; canWrite: boolean }) => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const closures = useClosures(storeId);
  const add = useAddClosure(storeId);
  const remove = useDeleteClosure(storeId);

  const submit = (v: Values) => {
    if (!v.date || !v.reason.trim()) {
      void message.warning(t('closures.required'));
      return;
    }
    add.mutate(
      { date: v.date.format('YYYY-MM-DD'), reason: v.reason.trim() },
      {
        onSuccess: () => {
          void message.success(t('closures.added'));
          form.resetFields();
        },
        onError: (error) => void message.error(error.message),
      },
    );
  };

  return (
    <Card title={t('closures.title')} extra={<Typography.Text type="secondary">{t('closures.hint')}</Typography.Text>}>
      <LoadFailedAlert error={closures.error} />
      {canWrite && (
        <Form<Values>
          form={form}
          layout="inline"
          onFinish={submit}
          initialValues={{ date: null, reason: '' }}
          style={{ marginBottom: 16, rowGap: 8 }}
        >
          <Form.Item name="date">
            <DatePicker placeholder={t('closures.date')} data-testid="closure-date" />
          </Form.Item>
          <Form.Item name="reason">
            <Input
              placeholder={t('closures.reasonPlaceholder')}
              maxLength={60}
              style={{ width: 180 }}
              data-testid="closure-reason"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            icon={<PlusOutlined />}
            loading={add.isPending}
            data-testid="closure-add"
          >
            {t('closures.add')}
          </Button>
        </Form>
      )}
      <Table<Closure>
        rowKey="id"
        size="small"
        dataSource={closures.data}
        loading={closures.isPending}
        pagination={{ pageSize: 8, hideOnSinglePage: true }}
        locale={{ emptyText: t('closures.empty') }}
        data-testid="closures-table"
        columns={[
          { title: t('closures.date'), dataIndex: 'date', className: 'nowrap tabular', width: 130 },
          { title: t('closures.reason'), dataIndex: 'reason' },
          ...(canWrite
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 90,
                  render: (_: unknown, c: Closure) => (
                    <Popconfirm
                      title={t('closures.deleteConfirm', { date: c.date })}
                      okText={t('common.yes')}
                      cancelText={t('common.no')}
                      onConfirm={() =>
                        remove.mutateAsync(c.id).then(
                          () => void message.success(t('closures.deleted')),
                          (error: Error) => void message.error(error.message),
                        )
                      }
                    >
                      <Button
                        type="link"
                        danger
                        size="small"
                        icon={<DeleteOutlined />}
                        data-testid={`closure-delete-${c.date}`}
                      >
                        {t('closures.delete')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
};
