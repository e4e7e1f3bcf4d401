import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Input, InputNumber, List, Row, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { factorSetIssues, weightSum, type FactorSet, type IndexFactor, type IndexKind } from '@m4s/contracts';
import { errorText } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';
import { useCan } from '../auth/session.ts';
import { LoadFailedAlert } from '../layout/load-failed-alert.tsx';
import { useFactorSets, useSaveFactorSet } from './indices-api.ts';

/** One kind's editor: the current version's factors, the sum checked as typed, saved as a new version. */
const FactorSetEditor = ({ kind, versions }: { kind: IndexKind; versions: FactorSet[] }) => {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const save = useSaveFactorSet();
  const current = versions.find((v) => v.current) ?? versions[0];
  const [factors, setFactors] = useState<IndexFactor[]>(current?.factors ?? []);
  const [name, setName] = useState(current?.name ?? '');
  useEffect(() => {
    setFactors(current?.factors ?? []);
    setName(current?.name ?? '');
  }, [current]);
  const sum = weightSum(factors);
  const issues = factorSetIssues(factors);
  const edit = (i: number, patch: Partial<IndexFactor>) =>
    setFactors((fs) => fs.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const submit = () =>
    save.mutate(
      { kind, name, factors },
      {
        onSuccess: (saved) => void message.success(t('indices.factors.saved', { n: saved.number })),
        onError: (error) => void message.error(errorText(error, t('common.networkError'))),
      },
    );
  const editable = can('survey.manage');
  return (
    <Card title={t(`indices.factors.${kind}`)} size="small" data-testid={`factor-set-${kind}`}>
      <Table
        size="small"
        rowKey={(_, i) => String(i)}
        pagination={false}
        dataSource={factors}
        columns={[
          {
            title: t('indices.factors.key'),
            key: 'key',
            render: (_, f, i) => (
              <Input value={f.key} disabled={!editable} onChange={(e) => edit(i, { key: e.target.value })} />
            ),
          },
          {
            title: t('indices.factors.label'),
            key: 'label',
            render: (_, f, i) => (
              <Input value={f.label} disabled={!editable} onChange={(e) => edit(i, { label: e.target.value })} />
            ),
          },
          {
            title: t('indices.factors.weight'),
            key: 'weight',
            render: (_, f, i) => (
              <InputNumber
                value={f.weight}
                min={0}
                max={100}
                step={0.1}
                disabled={!editable}
                onChange={(v) => edit(i, { weight: v ?? 0 })}
                data-testid={`factor-weight-${kind}-${f.key}`}
              />
            ),
          },
          {
            key: 'remove',
            render: (_, _f, i) =>
              editable && (
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  onClick={() => setFactors((fs) => fs.filter((_x, j) => j !== i))}
                />
              ),
          },
        ]}
      />
      {editable && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Button
            icon={<PlusOutlined />}
            onClick={() => setFactors((fs) => [...fs, { key: `factor_${fs.length + 1}`, label: '', weight: 0 }])}
          >
            {t('indices.factors.add')}
          </Button>
          {sum === 100 ? (
            <Typography.Text type="success">{t('indices.factors.sum', { sum })}</Typography.Text>
          ) : (
            <Alert
              type="error"
              showIcon
              message={t('indices.factors.sumWrong', { sum })}
              data-testid={`factor-sum-${kind}`}
            />
          )}
          <Space wrap>
            <Input
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder={t('indices.factors.name')}
              style={{ minWidth: 240 }}
            />
            <Button
              type="primary"
              loading={save.isPending}
              disabled={issues.length > 0 || !name.trim() || factors.some((f) => !f.label.trim())}
              onClick={submit}
              data-testid={`factor-save-${kind}`}
            >
              {t('indices.factors.save')}
            </Button>
          </Space>
        </Space>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('indices.factors.versions')}
      </Typography.Title>
      <List
        size="small"
        dataSource={versions}
        renderItem={(v) => (
          <List.Item>
            <Space>
              <span>{v.number === 0 ? t('indices.preset') : t('indices.factors.versionN', { n: v.number })}</span>
              <span>{v.name}</span>
              {v.current && <Tag color="blue">{t('indices.factors.current')}</Tag>}
            </Space>
            <Typography.Text type="secondary" className="tabular">
              {v.factors.map((f) => `${f.label} ${f.weight}%`).join(' · ')}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
};

/** The tenant's CSI and SSI factor sets: the J.D. Power China 2009 presets until the tenant saves its own. */
export const FactorSetsTab = () => {
  const { t } = useI18n();
  const sets = useFactorSets();
  const items = sets.data?.items ?? [];
  return (
    <>
      <LoadFailedAlert error={sets.error} />
      <Typography.Paragraph type="secondary">{t('indices.factors.hint')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {(['csi', 'ssi'] as const).map((kind) => (
          <Col xs={24} xl={12} key={kind}>
            {sets.data && <FactorSetEditor kind={kind} versions={items.filter((s) => s.kind === kind)} />}
          </Col>
        ))}
      </Row>
    </>
  );
};
