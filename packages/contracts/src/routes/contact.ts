import { contactPolicy, ownerContactPreferences, ownerTouches, touchList, touchListQuery } from '../contact.ts';
import { idParams } from '../common.ts';
import { defineRoutes } from '../api/route.ts';

const tags = ['contact'];
const ownerTags = ['owner-contact'];

/** Contact governance: the tenant's policy, the touch ledger per customer, the owner's own view. */
export const contactRoutes = defineRoutes({
  policy: {
    method: 'GET',
    path: '/contact/policy',
    auth: 'staff',
    permission: 'care.manage',
    response: contactPolicy,
    tags,
  },
  updatePolicy: {
    method: 'PUT',
    path: '/contact/policy',
    auth: 'staff',
    permission: 'care.manage',
    body: contactPolicy,
    response: contactPolicy,
    tags,
  },
  customerTouches: {
    method: 'GET',
    path: '/customers/:id/touches',
    auth: 'staff',
    permission: 'customer.read',
    params: idParams,
    query: touchListQuery,
    response: touchList,
    tags,
  },
  ownerTouches: { method: 'GET', path: '/owner/touches', auth: 'owner', response: ownerTouches, tags: ownerTags },
  ownerPreferences: {
    method: 'PUT',
    path: '/owner/contact-preferences',
    auth: 'owner',
    body: ownerContactPreferences,
    response: ownerTouches,
    tags: ownerTags,
  },
});
