import { Avatar, Button, Card, Descriptions, Flex, Tag, Tooltip, Typography, type DescriptionsProps } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { Customer } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';
import { useCan } from '../auth/session.ts';
import { CustomerFlags, CustomerTags } from './customer-flags.tsx';
import { dayOf, initialOf, surnameOf } from '@m4s/web-kit';
import { useNames } from './use-names.ts';
import { KeptStaffName } from './kept-staff-name.tsx';
import styles from './customer-360.module.css';

/** 李先生 / 王女士: how staff address the customer on the phone; organisations are addressed through their contact. */
export const useSalutation = () => {
  const { t } = useI18n();
  return (c: Pick<Customer, 'kind' | 'name' | 'gender' | 'contactName' | 'contactTitle'>): string | null => {
    if (c.kind === 'organisation') {
      return c.contactName ? [c.contactName, c.contactTitle].filter(Boolean).join(' · ') : null;
    }
    return c.gender ? t(`customer.salutation.${c.gender}`, { surname: surnameOf(c.name) }) : null;
  };
};

type Props = { customer: Customer; onEdit: () => void };

export const CustomerHeader = ({ customer: c, onEdit }: Props) => {
  const { t } = useI18n();
  const canWrite = useCan()('customer.write');
  const names = useNames();
  const salutation = useSalutation()(c);
  const none = <Typography.Text type="secondary">{t('customer.none')}</Typography.Text>;
  // Set but not among the stores and staff this role may list (another store's): a dash, not "not given".
  const named = (id: string | null, name: string | null) => name ?? (id ? t('common.none') : none);
  // Nobody on the staff: the name an imported file gave, noted as not matched.
  const staffNamed = (id: string | null, kept: string | null) =>
    !id && kept ? <KeptStaffName name={kept} /> : named(id, names.staffName(id));
  // Saving a masked number back would overwrite the real one: whoever sees masks cannot edit.
  const masked = c.phones.some((p) => p.masked);
  const person = c.kind === 'person';

  const facts: DescriptionsProps['items'] = [
    person
      ? { key: 'gender', label: t('customer.gender'), children: c.gender ? t(`customer.gender.${c.gender}`) : none }
      : { key: 'contact', label: t('customer.contactName'), children: c.contactName ?? none },
    person
      ? { key: 'birthday', label: t('customer.birthday'), children: c.birthday ?? none }
      : { key: 'title', label: t('customer.contactTitle'), children: c.contactTitle ?? none },
    {
      key: 'occupation',
      label: t(person ? 'customer.occupation' : 'customer.orgIndustry'),
      children: c.occupation ?? none,
    },
    {
      key: 'id',
      label: t('customer.idNumber'),
      children: c.idNumber ? <span className="tabular">{c.idNumber}</span> : none,
    },
    {
      key: 'slot',
      label: t('customer.preferredSlot'),
      children: c.preferredSlot ? t(`customer.slot.${c.preferredSlot}`) : none,
    },
    { key: 'store', label: t('customer.homeStore'), children: named(c.homeStoreId, names.storeName(c.homeStoreId)) },
    {
      key: 'sales',
      label: t('customer.salesConsultant'),
      children: staffNamed(c.salesConsultantId, c.salesConsultantName),
    },
    {
      key: 'advisor',
      label: t('customer.serviceAdvisor'),
      children: staffNamed(c.serviceAdvisorId, c.serviceAdvisorName),
    },
  ];
  if (c.notes) facts.push({ key: 'notes', label: t('customer.notes'), span: 4, children: c.notes });

  return (
    <Card className={styles.header} data-testid="customer-header">
      <Flex gap={20} align="flex-start">
        <Avatar size={64} className={styles.avatar}>
          {initialOf(c.name)}
        </Avatar>
        <div className={styles.headerMain}>
          <Flex justify="space-between" align="flex-start" gap={16} wrap>
            <div>
              <Flex align="baseline" gap={12} wrap>
                <Typography.Title level={3} style={{ margin: 0 }} data-testid="customer-name-title">
                  {c.name}
                </Typography.Title>
                {salutation && (
                  <Typography.Text type="secondary" className={styles.salutation} data-testid="customer-salutation">
                    {salutation}
                  </Typography.Text>
                )}
                <Tag>{t(`customer.kind.${c.kind}`)}</Tag>
              </Flex>
              <Flex gap={4} wrap className={styles.tagLine}>
                <CustomerFlags malicious={c.malicious} seasonal={c.seasonal} vipLevel={c.vipLevel} />
                <CustomerTags tags={c.tags} />
              </Flex>
              <Typography.Text type="secondary">
                {t(`customer.source.${c.source}`)} · {t('c360.since', { date: dayOf(c.createdAt) })}
              </Typography.Text>
            </div>
            {canWrite && (
              <Tooltip title={masked ? t('c360.editMasked') : undefined}>
                <Button icon={<EditOutlined />} disabled={masked} onClick={onEdit} data-testid="customer-edit">
                  {t('c360.edit')}
                </Button>
              </Tooltip>
            )}
          </Flex>
          <Descriptions size="small" column={4} items={facts} className={styles.facts} />
        </div>
      </Flex>
    </Card>
  );
};
