import { useMemo, useState } from 'react';
import { App, Badge, Button, Card, Flex, Input, Popconfirm, Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { roleNames, type StaffMember } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useCan, useSignedInMe } from '../auth/session.ts';
import { formatDateTime } from '../lib/format.ts';
import { useEditing } from '../lib/use-editing.ts';
import { actionsColumn, CreateButton, EditLink } from '../layout/list-actions.tsx';
import { PageHeader } from '../layout/page-header.tsx';
import { QueryTable } from '../layout/query-table.tsx';
import { useStores } from '../stores/store-api.ts';
import { StaffFormModal } from './staff-form.tsx';
import { useResetStaffPassword, useStaffList, useUnlockStaff, useUpdateStaff, type StaffFilter } from './staff-api.ts';
import { TemporaryPasswordModal, type IssuedPassword } from './temporary-password-modal.tsx';

export const StaffPage = () => {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const me = useSignedInMe();
  const canWrite = useCan()('staff.write');
  const [filter, setFilter] = useState<StaffFilter>({ storeId: null, q: '' });
  const editing = useEditing<StaffMember>();
  const staff = useStaffList(filter);
  const stores = useStores();
  const update = useUpdateStaff();
  const unlock = useUnlockStaff();
  const reset = useResetStaffPassword();
  const [issued, setIssued] = useState<IssuedPassword | null>(null);
  const storeNames = useMemo(() => new Map((stores.data ?? []).map((s) => [s.id, s.name])), [stores.data]);

  const setStatus = (member: StaffMember, status: StaffMember['status']) =>
    update.mutate(
      { id: member.id, body: { status } },
      {
        onSuccess: () =>
          void message.success(
            t(status === 'active' ? 'staff.enabledDone' : 'staff.disabledDone', { name: member.name }),
          ),
        onError: (error) => void message.error(error.message),
      },
    );

  const unlockMember = (member: StaffMember) =>
    unlock.mutate(member.id, {
      onSuccess: () => void message.success(t('staff.unlockedDone', { name: member.name })),
      onError: (error) => void message.error(error.message),
    });
  const resetPassword = (member: StaffMember) =>
    reset.mutate(member.id, {
      onSuccess: (answer) => setIssued({ name: member.name, password: answer.temporaryPassword }),
      onError: (error) => void message.error(error.message),
    });

  const columns: TableColumnsType<StaffMember> = [
    {
      title: t('staff.login'),
      className: 'nowrap',
      dataIndex: 'login',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    {
      title: t('staff.name'),
      className: 'nowrap',
      dataIndex: 'name',
      render: (name: string, m) => (
        <Typography.Text strong>
          {name}
          {m.id === me.staff.id && <Typography.Text type="secondary">{t('staff.self')}</Typography.Text>}
        </Typography.Text>
      ),
    },
    {
      title: t('staff.phone'),
      className: 'nowrap',
      dataIndex: 'phone',
      render: (v: string | null) => v ?? t('common.none'),
    },
    {
      title: t('staff.role'),
      className: 'nowrap',
      dataIndex: 'role',
      render: (r: StaffMember['role']) => <Tag color="blue">{roleNames[locale][r]}</Tag>,
    },
    {
      title: t('staff.store'),
      className: 'nowrap',
      dataIndex: 'storeId',
      render: (id: string | null) =>
        id ? (
          (storeNames.get(id) ?? t('common.none'))
        ) : (
          <Typography.Text type="secondary">{t('staff.storeGroup')}</Typography.Text>
        ),
    },
    {
      title: t('staff.status'),
      className: 'nowrap',
      dataIndex: 'status',
      width: 90,
      render: (s: StaffMember['status'], m) => (
        <Space size={4}>
          <Badge status={s === 'active' ? 'success' : 'default'} text={t(`staff.status.${s}`)} />
          {m.lockedUntil && Date.parse(m.lockedUntil) > Date.now() && (
            <Tooltip title={t('staff.lockedUntil', { time: formatDateTime(m.lockedUntil, locale) ?? '' })}>
              <Tag color="red" data-testid={`staff-locked-${m.login}`}>
                {t('staff.locked')}
              </Tag>
            </Tooltip>
          )}
          {m.mustChangePassword && <Tag color="orange">{t('staff.mustChange')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('staff.lastSignIn'),
      className: 'nowrap',
      dataIndex: 'lastSignInAt',
      render: (v: string | null) =>
        formatDateTime(v, locale) ?? <Typography.Text type="secondary">{t('staff.neverSignedIn')}</Typography.Text>,
    },
  ];
  if (canWrite) {
    columns.push(
      actionsColumn(t('common.actions'), 320, (m) => (
        <Space size={0}>
          <EditLink onClick={() => editing.edit(m)} testId={`staff-edit-${m.login}`} />
          {m.id !== me.staff.id && <StatusToggle member={m} onConfirm={setStatus} />}
          {m.id !== me.staff.id && (
            <Confirmed
              title={t('staff.confirmUnlock', { name: m.name })}
              onConfirm={() => unlockMember(m)}
              label={t('staff.unlock')}
              testId={`staff-unlock-${m.login}`}
            />
          )}
          {m.id !== me.staff.id && (
            <Confirmed
              title={t('staff.confirmReset', { name: m.name })}
              onConfirm={() => resetPassword(m)}
              label={t('staff.resetPassword')}
              testId={`staff-reset-${m.login}`}
            />
          )}
        </Space>
      )),
    );
  }

  return (
    <>
      <PageHeader
        title={t('staff.title')}
        subtitle={t('staff.subtitle')}
        extra={
          canWrite && (
            <CreateButton onClick={editing.create} testId="staff-create">
              {t('staff.create')}
            </CreateButton>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            style={{ width: 220 }}
            placeholder={t('staff.allStores')}
            value={filter.storeId}
            onChange={(storeId: string | undefined) => setFilter((f) => ({ ...f, storeId: storeId ?? null }))}
            options={(stores.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            data-testid="staff-filter-store"
          />
          <Input.Search
            allowClear
            style={{ width: 280 }}
            placeholder={t('staff.search')}
            onSearch={(q) => setFilter((f) => ({ ...f, q }))}
            data-testid="staff-search"
          />
          <Button icon={<ReloadOutlined />} onClick={() => void staff.refetch()}>
            {t('common.refresh')}
          </Button>
          <Typography.Text type="secondary" style={{ marginLeft: 'auto', alignSelf: 'center' }}>
            {staff.data && t('staff.count', { count: staff.data.length })}
          </Typography.Text>
        </Flex>
        <QueryTable<StaffMember>
          query={staff}
          columns={columns}
          scroll={{ x: 'max-content' }}
          loading={staff.isFetching}
          emptyText={t('staff.empty')}
          testId="staff-table"
        />
      </Card>
      <StaffFormModal
        open={editing.open}
        member={editing.item}
        defaultStoreId={filter.storeId ?? me.staff.store?.id ?? null}
        onClose={editing.close}
      />
      <TemporaryPasswordModal issued={issued} onClose={() => setIssued(null)} />
    </>
  );
};

type ToggleProps = { member: StaffMember; onConfirm: (m: StaffMember, status: StaffMember['status']) => void };

const StatusToggle = ({ member, onConfirm }: ToggleProps) => {
  const { t } = useI18n();
  const disabling = member.status === 'active';
  return (
    <Popconfirm
      title={t(disabling ? 'staff.confirmDisable' : 'staff.confirmEnable', { name: member.name })}
      okText={t('common.yes')}
      cancelText={t('common.no')}
      okButtonProps={{ danger: disabling }}
      onConfirm={() => onConfirm(member, disabling ? 'disabled' : 'active')}
    >
      <Button type="link" danger={disabling} data-testid={`staff-toggle-${member.login}`}>
        {t(disabling ? 'staff.disable' : 'staff.enable')}
      </Button>
    </Popconfirm>
  );
};

type ConfirmedProps = { title: string; label: string; testId: string; onConfirm: () => void };

/** A row action asked for once more before it is done. */
const Confirmed = ({ title, label, testId, onConfirm }: ConfirmedProps) => {
  const { t } = useI18n();
  return (
    <Popconfirm title={title} okText={t('common.yes')} cancelText={t('common.no')} onConfirm={onConfirm}>
      <Button type="link" data-testid={testId}>
        {label}
      </Button>
    </Popconfirm>
  );
};
