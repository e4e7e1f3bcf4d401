import { useState, type FormEvent } from 'react';
import { Button, Selector, Toast } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { customerSources, mobilePhone } from '@m4s/contracts';
import { ApiError, errorText } from '@m4s/web-kit';
import { Field } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useStaffSession } from '../session/staff-session.ts';
import { useCreateCustomer } from './api.ts';
import { PageBar } from './page-bar.tsx';
import './search.css';
import './sheets.css';

type Source = (typeof customerSources)[number];
type Gender = 'male' | 'female';
// How walk-ins and callers reach an advisor; imports and partner feeds never start at the desk.
const deskSources: readonly Source[] = ['walk_in', 'phone_in', 'referral', 'online', 'auto_show'];

type Errors = { name?: string | undefined; phone?: string | undefined; form?: string | undefined };

/**
 * Registers the walk-in at the desk in three fields. The customer becomes the registering advisor's (or
 * consultant's) own, in their store, so the advisor sees their full number from now on.
 */
export const NewCustomerPage = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { me } = useStaffSession();
  const create = useCreateCustomer();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [gender, setGender] = useState<Gender | null>(null);
  const [source, setSource] = useState<Source>('walk_in');
  const [errors, setErrors] = useState<Errors>({});
  const [takenBy, setTakenBy] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: Errors = {
      name: name.trim() ? undefined : t('new.nameRequired'),
      phone: mobilePhone.safeParse(phone).success ? undefined : t('new.phoneInvalid'),
    };
    setErrors(next);
    setTakenBy(null);
    if (next.name || next.phone || !me) return;
    const role = me.staff.role;
    create.mutate(
      {
        name: name.trim(),
        phones: [phone.trim()],
        gender,
        source,
        homeStoreId: me.staff.store?.id ?? null,
        serviceAdvisorId: role === 'service_advisor' ? me.staff.id : null,
        salesConsultantId: role === 'sales_consultant' ? me.staff.id : null,
      },
      {
        onSuccess: (c) => {
          Toast.show({ icon: 'success', content: t('new.created') });
          void navigate(`/customers/${c.id}`, { replace: true });
        },
        onError: (error) => {
          const fields = error instanceof ApiError ? error.fieldErrors() : {};
          const owner = error instanceof ApiError && error.code === 'PHONE_TAKEN' ? error.details?.customerId : null;
          setTakenBy(typeof owner === 'string' ? owner : null);
          setErrors({ name: fields.name, phone: fields['phones.0'], form: errorText(error, t('app.loadFailedHint')) });
        },
      },
    );
  };

  return (
    <div className="sub-page">
      <PageBar title={t('new.title')} />
      <form className="new-form" onSubmit={submit} noValidate data-testid="new-customer-form">
        <div className="new-card">
          <Field
            id="new-name"
            label={t('new.name')}
            placeholder={t('new.namePlaceholder')}
            maxLength={60}
            value={name}
            error={errors.name}
            onChange={(e) => setName(e.target.value)}
            data-testid="new-name"
          />
          <Field
            id="new-phone"
            label={t('new.phone')}
            type="tel"
            inputMode="numeric"
            maxLength={11}
            placeholder={t('new.phonePlaceholder')}
            value={phone}
            error={errors.phone}
            onChange={(e) => setPhone(e.target.value.replace(/\D/g, ''))}
            data-testid="new-phone"
          />
          <div className="sheet-label">{t('new.gender')}</div>
          <Selector<Gender>
            columns={2}
            value={gender ? [gender] : []}
            onChange={(v) => setGender(v[0] ?? null)}
            options={[
              { value: 'male', label: t('new.male') },
              { value: 'female', label: t('new.female') },
            ]}
          />
          <div className="sheet-label">{t('new.source')}</div>
          <Selector<Source>
            columns={3}
            value={[source]}
            onChange={(v) => v[0] && setSource(v[0])}
            options={deskSources.map((s) => ({ value: s, label: t(`customer.source.${s}`) }))}
            data-testid="new-source"
          />
        </div>
        {errors.form && (
          <div className="new-error" role="alert" data-testid="new-error">
            <span>{errors.form}</span>
            {takenBy && (
              <Button
                size="small"
                color="primary"
                fill="outline"
                onClick={() => void navigate(`/customers/${takenBy}`)}
              >
                {t('new.openTaken')}
              </Button>
            )}
          </div>
        )}
        <p className="new-hint">{t('new.hint')}</p>
        <Button
          block
          color="primary"
          size="large"
          shape="rounded"
          type="submit"
          loading={create.isPending}
          data-testid="new-submit"
        >
          {t('new.submit')}
        </Button>
      </form>
    </div>
  );
};
