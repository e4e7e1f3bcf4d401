import type { telematicsZhCN } from './telematics-zh-cn.ts';

/** Integrations › Connected cars. */
export const telematicsEn: Record<keyof typeof telematicsZhCN, string> = {
  'nav.telematics': 'Connected cars',
  'telematics.title': 'Connected-car integrations',
  'telematics.subtitle':
    'One integration per telematics / OBD provider, each with its own key. Readings are taken only for cars whose owner consented in the owner app; they update the mileage, and a low battery or a fault code reminds the owner or gives the service advisor a call task, through the contact rules.',
  'telematics.create': 'New integration',
  'telematics.empty': 'No connected-car integrations yet',
  'telematics.name': 'Name',
  'telematics.name.required': 'Please enter a name',
  'telematics.provider': 'Provider',
  'telematics.provider.required': 'Please enter the provider',
  'telematics.key': 'Key',
  'telematics.state': 'State',
  'telematics.active': 'Active',
  'telematics.revoked': 'Revoked',
  'telematics.readings': 'Readings received',
  'telematics.lastUsed': 'Last received',
  'telematics.never': 'Not used yet',
  'telematics.createdAt': 'Created',
  'telematics.revoke': 'Revoke key',
  'telematics.revoke.confirm':
    'Once revoked, this provider’s readings are refused (401), and the key cannot be restored. Revoke it?',
  'telematics.revokedDone': 'Revoked',
  'telematics.keyModal.title': 'Integration key',
  'telematics.keyModal.once':
    'The key is shown this once: copy it now and hand it to the provider safely. Only its digest is kept; a lost key means a new integration.',
  'telematics.keyModal.copy': 'Copy',
  'telematics.keyModal.copied': 'Copied',
  'telematics.keyModal.done': 'I have saved it',
  'telematics.keyModal.howTo':
    'The provider POSTs batches of readings (at most 500 each) to /api/telematics/readings with this key in the x-m4s-integration-key header.',
  'telematics.rules.title': 'Alert rules',
  'telematics.rules.battery': 'Battery below',
  'telematics.rules.batteryWindow': 'Battery alert, once per car every',
  'telematics.rules.faultWindow': 'Same fault code, once per car every',
  'telematics.rules.days': 'days',
  'telematics.rules.saved': 'Alert rules saved',
  'telematics.cars.title': 'Shared cars ({n})',
  'telematics.cars.empty': 'No owner has consented to sharing a car’s data yet',
  'telematics.cars.plate': 'Plate',
  'telematics.cars.vin': 'VIN',
  'telematics.cars.since': 'Shared since',
  'telematics.cars.km': 'Latest odometer (km)',
  'telematics.cars.lastReading': 'Last reading',
};
