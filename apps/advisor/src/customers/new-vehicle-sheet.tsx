import { useState } from 'react';
import { Toast } from 'antd-mobile';
import { ApiError, errorText } from '@m4s/web-kit';
import { Field } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { useCreateVehicle } from './api.ts';
import { Sheet } from './sheet.tsx';

type Errors = { vin?: string | undefined; plate?: string | undefined; form?: string | undefined };

/**
 * A walk-in's car in two fields (VIN from the windscreen or 行驶证, and the plate), enough to check it
 * in; the rest of the car's file can be completed in the admin console.
 */
export const NewVehicleSheet = ({
  customerId,
  open,
  onClose,
}: {
  customerId: string;
  open: boolean;
  onClose: () => void;
}) => {
  const { t } = useI18n();
  const create = useCreateVehicle(customerId);
  const [vin, setVin] = useState('');
  const [plate, setPlate] = useState('');
  const [errors, setErrors] = useState<Errors>({});

  const close = () => {
    setVin('');
    setPlate('');
    setErrors({});
    onClose();
  };

  const submit = () => {
    // Length here; the check digit is the server's to judge (its message says which rule failed).
    if (vin.trim().length !== 17) {
      setErrors({ vin: t('vehicleNew.vinInvalid') });
      return;
    }
    setErrors({});
    create.mutate(
      { vin: vin.trim(), plate: plate.trim() || null, ownerId: customerId },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('vehicleNew.saved') });
          close();
        },
        onError: (error) => {
          const fields = error instanceof ApiError ? error.fieldErrors() : {};
          setErrors({ vin: fields.vin, plate: fields.plate, form: errorText(error, t('app.loadFailedHint')) });
        },
      },
    );
  };

  return (
    <Sheet
      open={open}
      title={t('vehicleNew.add')}
      onClose={close}
      onSubmit={submit}
      submitting={create.isPending}
      error={errors.form}
      testId="new-vehicle"
    >
      <Field
        id="new-vehicle-vin"
        label={t('vehicleNew.vin')}
        placeholder={t('vehicleNew.vinPlaceholder')}
        maxLength={17}
        autoCapitalize="characters"
        value={vin}
        error={errors.vin}
        onChange={(e) => setVin(e.target.value.toUpperCase())}
        data-testid="new-vehicle-vin"
      />
      <Field
        id="new-vehicle-plate"
        label={t('vehicleNew.plate')}
        placeholder={t('vehicleNew.platePlaceholder')}
        maxLength={10}
        value={plate}
        error={errors.plate}
        onChange={(e) => setPlate(e.target.value.toUpperCase())}
        data-testid="new-vehicle-plate"
      />
    </Sheet>
  );
};
