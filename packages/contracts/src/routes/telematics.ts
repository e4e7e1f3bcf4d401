import { idParams, listOf } from '../common.ts';
import { defineRoutes } from '../api/route.ts';
import { vehicleIdParams } from '../bindings.ts';
import {
  ownerCarTelematics,
  telematicsBatch,
  telematicsCar,
  telematicsIngestHeaders,
  telematicsIngestResult,
  telematicsIntegration,
  telematicsIntegrationInput,
  telematicsIntegrationWithKey,
  telematicsRules,
} from '../telematics.ts';

const tags = ['telematics'];
const permission = 'telematics.manage';

/** Connected cars (docs/telematics.md): the providers' ingest, the admin's integrations, the owner's consent. */
export const telematicsRoutes = defineRoutes({
  /**
   * A provider's batch of readings. Auth `custom`: the integration's key (header x-m4s-integration-key)
   * names the tenant; the handler opens that tenant's transaction itself. A wrong or revoked key is a 401.
   */
  ingest: {
    method: 'POST',
    path: '/telematics/readings',
    auth: 'custom',
    headers: telematicsIngestHeaders,
    body: telematicsBatch,
    response: telematicsIngestResult,
    tags,
    summary: 'Takes a batch of readings; each is accepted, a duplicate, or refused with its reason',
  },
  integrations: {
    method: 'GET',
    path: '/telematics/integrations',
    auth: 'staff',
    permission,
    response: listOf(telematicsIntegration),
    tags,
  },
  cars: {
    method: 'GET',
    path: '/telematics/cars',
    auth: 'staff',
    permission,
    response: listOf(telematicsCar),
    tags,
    summary: 'The cars whose owner consented to sharing, with their newest trusted odometer',
  },
  rules: {
    method: 'GET',
    path: '/telematics/rules',
    auth: 'staff',
    permission,
    response: telematicsRules,
    tags,
  },
  putRules: {
    method: 'PUT',
    path: '/telematics/rules',
    auth: 'staff',
    permission,
    body: telematicsRules,
    response: telematicsRules,
    tags,
    summary: 'The tenant’s battery threshold and the windows within which a condition is not raised again',
  },
  createIntegration: {
    method: 'POST',
    path: '/telematics/integrations',
    auth: 'staff',
    permission,
    body: telematicsIntegrationInput,
    response: telematicsIntegrationWithKey,
    status: 201,
    tags,
    summary: 'Creates a provider’s integration; the answer is the only time its key is shown',
  },
  revokeIntegration: {
    method: 'POST',
    path: '/telematics/integrations/:id/revoke',
    auth: 'staff',
    permission,
    params: idParams,
    response: telematicsIntegration,
    tags,
  },
  ownerCar: {
    method: 'GET',
    path: '/owner/vehicles/:vehicleId/telematics',
    auth: 'owner',
    params: vehicleIdParams,
    response: ownerCarTelematics,
    tags,
  },
  giveConsent: {
    method: 'PUT',
    path: '/owner/vehicles/:vehicleId/telematics/consent',
    auth: 'owner',
    params: vehicleIdParams,
    response: ownerCarTelematics,
    tags,
    summary: 'The owner consents to the car’s readings being shared with the dealer group',
  },
  revokeConsent: {
    method: 'DELETE',
    path: '/owner/vehicles/:vehicleId/telematics/consent',
    auth: 'owner',
    params: vehicleIdParams,
    response: ownerCarTelematics,
    tags,
  },
});
