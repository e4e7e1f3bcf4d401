import {
  operatorAuditList,
  operatorAuditQuery,
  operatorMe,
  operatorSignInBody,
  tenantActionBody,
  tenantCreateBody,
  tenantCreated,
  tenantList,
  tenantSummary,
} from '../operator.ts';
import { idParams } from '../common.ts';
import { defineRoutes } from '../api/route.ts';

const tags = ['operator'];

/** The platform operator's API: onboarding, suspension and export of dealer groups (docs/operator.md). */
export const operatorRoutes = defineRoutes({
  signIn: {
    method: 'POST',
    path: '/operator/sign-in',
    auth: 'public',
    body: operatorSignInBody,
    response: operatorMe,
    tags,
  },
  me: { method: 'GET', path: '/operator/me', auth: 'operator', response: operatorMe, tags },
  signOut: { method: 'POST', path: '/operator/sign-out', auth: 'operator', response: null, tags },
  listTenants: { method: 'GET', path: '/operator/tenants', auth: 'operator', response: tenantList, tags },
  createTenant: {
    method: 'POST',
    path: '/operator/tenants',
    auth: 'operator',
    body: tenantCreateBody,
    response: tenantCreated,
    status: 201,
    tags,
  },
  suspendTenant: {
    method: 'POST',
    path: '/operator/tenants/:id/suspend',
    auth: 'operator',
    params: idParams,
    body: tenantActionBody,
    response: tenantSummary,
    tags,
  },
  resumeTenant: {
    method: 'POST',
    path: '/operator/tenants/:id/resume',
    auth: 'operator',
    params: idParams,
    body: tenantActionBody,
    response: tenantSummary,
    tags,
  },
  /** Every row of every tenant table as one JSON document, streamed. */
  exportTenant: {
    method: 'GET',
    path: '/operator/tenants/:id/export',
    auth: 'operator',
    params: idParams,
    response: 'file',
    tags,
  },
  /**
   * A consistent backup of the whole installation while it serves (docs/backup.md): one line of JSON (the
   * manifest: every table's row count and checksum in the snapshot), then the data file's bytes. What
   * `m4s backup create --server` reads; the embedded engine can only be backed up from inside its process.
   */
  backup: { method: 'GET', path: '/operator/backup', auth: 'operator', response: 'file', tags },
  audit: {
    method: 'GET',
    path: '/operator/audit',
    auth: 'operator',
    query: operatorAuditQuery,
    response: operatorAuditList,
    tags,
  },
});
