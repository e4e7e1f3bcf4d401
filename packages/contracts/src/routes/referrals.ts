import { idParams } from '../common.ts';
import { defineRoutes } from '../api/route.ts';
import {
  ownerReferralBody,
  ownerReferrals,
  referral,
  referralCodeInfo,
  referralCodeParams,
  referralListQuery,
  referralReport,
  staffReferralBody,
} from '../referrals.ts';

const tags = ['referrals'];

/** Referrals (docs/referrals.md): the owner's code and progress, leads made with a code, the rates. */
export const referralRoutes = defineRoutes({
  report: {
    method: 'GET',
    path: '/referrals',
    auth: 'staff',
    permission: 'loyalty.read',
    query: referralListQuery,
    response: referralReport,
    tags,
    summary: 'Referrals with their progress; the referral rate per store and per consultant',
  },
  record: {
    method: 'POST',
    path: '/referrals',
    auth: 'staff',
    permission: 'customer.write',
    body: staffReferralBody,
    response: referral,
    status: 201,
    tags,
    summary: 'A referred walk-in recorded with the code (an ineligible one is recorded with its reason)',
  },
  one: {
    method: 'GET',
    path: '/referrals/:id',
    auth: 'staff',
    permission: 'loyalty.read',
    params: idParams,
    response: referral,
    tags,
  },
  owner: { method: 'GET', path: '/owner/referrals', auth: 'owner', response: ownerReferrals, tags },
  ownerCode: {
    method: 'GET',
    path: '/owner/referrals/codes/:code',
    auth: 'owner',
    params: referralCodeParams,
    response: referralCodeInfo,
    tags,
    summary: 'Whose a code is (masked) and the stores to choose, for the link’s landing page',
  },
  ownerLead: {
    method: 'POST',
    path: '/owner/referrals',
    auth: 'owner',
    body: ownerReferralBody,
    response: referral,
    status: 201,
    tags,
    summary: 'An inquiry, test drive or first service asked for with a referral code',
  },
});
