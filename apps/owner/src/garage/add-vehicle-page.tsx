import { useState, type FormEvent } from 'react';
import { Button, NavBar, Toast } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { plateCheck } from '@m4s/contracts';
import { ApiError, errorText } from '@m4s/web-kit';
import { Field } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useBindVehicle } from './garage-api.ts';
import { LicenceHint } from './licence-hint.tsx';
import './garage.css';
import './add-vehicle.css';

const vinEnding = /^[A-HJ-NPR-Z0-9]{6}$/;

type Errors = { plate?: string | undefined; vin?: string | undefined; form?: string | undefined };

/** 添加车辆: the plate and the VIN's last six, as printed on the 行驶证; the store confirms the claim. */
export const AddVehiclePage = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const bind = useBindVehicle();
  const [plate, setPlate] = useState('');
  const [vin, setVin] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const back = () => void navigate('/records');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: Errors = {
      plate: plateCheck(plate).ok ? undefined : t('bind.plateInvalid'),
      vin: vinEnding.test(vin) ? undefined : t('bind.vinInvalid'),
    };
    setErrors(next);
    if (next.plate || next.vin) return;
    bind.mutate(
      { plate, vinLast6: vin },
      {
        onSuccess: (binding) => {
          Toast.show({
            icon: 'success',
            content: binding.status === 'confirmed' ? t('bind.alreadyBound') : t('bind.submitted'),
          });
          back();
        },
        onError: (error) => {
          const fields = error instanceof ApiError ? error.fieldErrors() : {};
          setErrors({
            plate: fields.plate,
            vin: fields.vinLast6,
            form:
              fields.vehicle ??
              (fields.plate || fields.vinLast6 ? undefined : errorText(error, t('app.loadFailedHint'))),
          });
        },
      },
    );
  };

  return (
    <div className="sub-page" data-testid="page-add-car">
      <NavBar className="sub-page-nav" onBack={back}>
        {t('bind.title')}
      </NavBar>
      <p className="bind-intro">{t('bind.intro')}</p>
      <LicenceHint />
      <form className="bind-form" onSubmit={onSubmit} noValidate>
        <Field
          id="bind-plate"
          label={t('bind.plate')}
          placeholder={t('bind.platePlaceholder')}
          value={plate}
          maxLength={10}
          autoComplete="off"
          autoCapitalize="characters"
          error={errors.plate}
          data-testid="bind-plate"
          onChange={(e) => setPlate(e.target.value.toUpperCase())}
        />
        <Field
          id="bind-vin"
          label={t('bind.vin')}
          placeholder={t('bind.vinPlaceholder')}
          value={vin}
          maxLength={6}
          autoComplete="off"
          autoCapitalize="characters"
          error={errors.vin}
          data-testid="bind-vin"
          onChange={(e) =>
            setVin(
              e.target.value
                .replace(/[^0-9a-z]/gi, '')
                .toUpperCase()
                .slice(0, 6),
            )
          }
        />
        {errors.form ? (
          <div className="bind-error" role="alert" data-testid="bind-error">
            {errors.form}
          </div>
        ) : null}
        <Button
          block
          type="submit"
          color="primary"
          shape="rounded"
          size="large"
          className="bind-submit"
          loading={bind.isPending}
          loadingText={t('bind.submitting')}
          data-testid="bind-submit"
        >
          {t('bind.submit')}
        </Button>
        <p className="bind-privacy">{t('bind.privacy')}</p>
      </form>
    </div>
  );
};
