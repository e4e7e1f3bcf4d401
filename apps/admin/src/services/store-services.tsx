import { useState } from 'react';
import { App, Badge, Flex, Input, Select, Switch, Table, Tag, Typography } from 'antd';
import { roleNames, type ServiceManifest, type StoreServiceSetting } from '@m4s/contracts';
import { errorText } from '@m4s/web-kit';
import { useStores } from '../stores/store-api.ts';
import { useI18n } from '../i18n.ts';
import { pick, useCatalogue, useSetStoreService, useStoreServices } from './services-api.ts';

/** A setting typed and saved on blur (the rescue line). */
const SettingInput = ({
  spec,
  value,
  onSave,
}: {
  spec: ServiceManifest['settings'][number];
  value: string;
  onSave: (v: string) => void;
}) => {
  const { locale } = useI18n();
  const [draft, setDraft] = useState(value);
  const label = pick(spec.label, locale);
  return (
    <Input
      size="small"
      addonBefore={label}
      aria-label={label}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => draft !== value && onSave(draft.trim())}
      data-testid={`svc-setting-${spec.key}`}
    />
  );
};

/** 服务项目 for one store: each service of the catalogue with its switch and the settings it needs. */
export const StoreServicesTab = () => {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const stores = useStores();
  const [storeId, setStoreId] = useState<string>();
  const current = storeId ?? stores.data?.[0]?.id;
  const catalogue = useCatalogue();
  const settings = useStoreServices(current);
  const save = useSetStoreService(current ?? '');
  const put = (row: StoreServiceSetting, change: Partial<Pick<StoreServiceSetting, 'enabled' | 'settings'>>) =>
    save.mutate(
      { serviceId: row.serviceId, enabled: change.enabled ?? row.enabled, settings: change.settings ?? row.settings },
      {
        onSuccess: () => void message.success(t('svcAdmin.saved')),
        onError: (e) => void message.error(errorText(e, t('svcAdmin.failed'))),
      },
    );
  const manifestOf = (id: string) => catalogue.data?.find((m) => m.id === id);
  return (
    <Flex vertical gap={12}>
      <Select
        style={{ width: 260 }}
        aria-label={t('svcAdmin.store')}
        value={current}
        onChange={setStoreId}
        options={(stores.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        data-testid="svc-store"
      />
      <Table<StoreServiceSetting>
        rowKey="serviceId"
        size="middle"
        pagination={false}
        loading={settings.isLoading || catalogue.isLoading}
        dataSource={settings.data?.items ?? []}
        columns={[
          {
            title: t('svcAdmin.service'),
            render: (_, row) => {
              const m = manifestOf(row.serviceId);
              return m ? (
                <Flex vertical>
                  <Typography.Text strong>{pick(m.name, locale)}</Typography.Text>
                  <Typography.Text type="secondary">{pick(m.description, locale)}</Typography.Text>
                </Flex>
              ) : (
                row.serviceId
              );
            },
          },
          {
            title: t('svcAdmin.handler'),
            render: (_, row) => {
              const m = manifestOf(row.serviceId);
              return m ? roleNames[locale][m.handler] : null;
            },
          },
          {
            title: t('svcAdmin.settings'),
            render: (_, row) => (
              <Flex vertical gap={4}>
                {(manifestOf(row.serviceId)?.settings ?? []).map((spec) => (
                  <SettingInput
                    key={`${current}-${spec.key}`}
                    spec={spec}
                    value={row.settings[spec.key] ?? ''}
                    onSave={(v) => put(row, { settings: { ...row.settings, [spec.key]: v } })}
                  />
                ))}
              </Flex>
            ),
          },
          {
            title: t('svcAdmin.state'),
            render: (_, row) =>
              row.offered ? (
                <Badge status="success" text={t('svcAdmin.offered')} />
              ) : row.enabled ? (
                <Tag color="warning">{t('svcAdmin.missing')}</Tag>
              ) : (
                <Badge status="default" text={t('svcAdmin.off')} />
              ),
          },
          {
            title: t('svcAdmin.enabled'),
            render: (_, row) => (
              <Switch
                checked={row.enabled}
                aria-label={`${t('svcAdmin.enabled')} ${row.serviceId}`}
                onChange={(enabled) => put(row, { enabled })}
                data-testid={`svc-switch-${row.serviceId}`}
              />
            ),
          },
        ]}
      />
    </Flex>
  );
};
