import { z } from 'zod';
import { tenantSlug } from '../common.ts';
import { branding, brandingUpdateBody, ownerAppInstall, publicTenant, tenantSettings } from '../tenant.ts';
import { defineRoutes } from '../api/route.ts';

const tags = ['tenant'];

export const tenantRoutes = defineRoutes({
  /** What the owner app shows before sign-in: the tenant named by its slug. */
  publicTenant: {
    method: 'GET',
    path: '/public/tenants/:slug',
    auth: 'tenant',
    params: z.strictObject({ slug: tenantSlug }),
    response: publicTenant,
    tags,
  },
  branding: {
    method: 'GET',
    path: '/tenant/branding',
    auth: 'staff',
    permission: 'tenant.read',
    response: branding,
    tags,
  },
  /** A logo arrives as a data URL inside the JSON: the server takes a larger body here than elsewhere. */
  updateBranding: {
    method: 'PUT',
    path: '/tenant/branding',
    auth: 'staff',
    permission: 'tenant.brand',
    body: brandingUpdateBody,
    response: branding,
    tags,
  },
  /** The owner app's install link and QR code, from the builder `m4s brand-apps` uses (platform/web/brand). */
  ownerAppInstall: {
    method: 'GET',
    path: '/tenant/owner-app/install',
    auth: 'staff',
    permission: 'tenant.read',
    response: ownerAppInstall,
    tags,
  },
  /** The printable A4 install poster (SVG): the group's name, the QR code and three steps. */
  ownerAppPoster: {
    method: 'GET',
    path: '/tenant/owner-app/poster.svg',
    auth: 'staff',
    permission: 'tenant.read',
    response: 'file',
    tags,
  },
  settings: {
    method: 'GET',
    path: '/tenant/settings',
    auth: 'staff',
    permission: 'tenant.read',
    response: tenantSettings,
    tags,
  },
  updateSettings: {
    method: 'PUT',
    path: '/tenant/settings',
    auth: 'staff',
    permission: 'tenant.settings',
    body: tenantSettings,
    response: tenantSettings,
    tags,
  },
});
