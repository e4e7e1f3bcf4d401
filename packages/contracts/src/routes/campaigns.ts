import { idParams } from '../common.ts';
import { defineRoutes } from '../api/route.ts';
import {
  campaign,
  campaignCounts,
  campaignFromTemplateBody,
  campaignInput,
  campaignList,
  campaignPreviewBody,
  campaignResults,
  campaignTemplateList,
} from '../campaigns.ts';

const tags = ['campaigns'];
const permission = 'campaign.manage';

/** 营销活动 (docs/campaigns.md): the builder, its preview through the contact gate, the send, the results. */
export const campaignRoutes = defineRoutes({
  list: { method: 'GET', path: '/campaigns', auth: 'staff', permission, response: campaignList, tags },
  /** Seed 002's strategies A–D as ready campaigns. */
  templates: {
    method: 'GET',
    path: '/campaigns/templates',
    auth: 'staff',
    permission,
    response: campaignTemplateList,
    tags,
  },
  fromTemplate: {
    method: 'POST',
    path: '/campaigns/from-template',
    auth: 'staff',
    permission,
    body: campaignFromTemplateBody,
    response: campaign,
    status: 201,
    tags,
    summary: 'A draft from a ready campaign (its coupon template made unless one is chosen)',
  },
  create: {
    method: 'POST',
    path: '/campaigns',
    auth: 'staff',
    permission,
    body: campaignInput,
    response: campaign,
    status: 201,
    tags,
  },
  get: { method: 'GET', path: '/campaigns/:id', auth: 'staff', permission, params: idParams, response: campaign, tags },
  update: {
    method: 'PUT',
    path: '/campaigns/:id',
    auth: 'staff',
    permission,
    params: idParams,
    body: campaignInput,
    response: campaign,
    tags,
    summary: 'Edit a draft (a sent or scheduled campaign is not edited)',
  },
  /** Who would be reached and held back, and why: a dry run through the contact gate, nothing written. */
  preview: {
    method: 'POST',
    path: '/campaigns/preview',
    auth: 'staff',
    permission,
    body: campaignPreviewBody,
    response: campaignCounts,
    tags,
  },
  send: {
    method: 'POST',
    path: '/campaigns/:id/send',
    auth: 'staff',
    permission,
    params: idParams,
    response: campaign,
    tags,
    summary: 'Send now through the contact gate (or schedule it for its time); coupons to the reached only',
  },
  cancel: {
    method: 'POST',
    path: '/campaigns/:id/cancel',
    auth: 'staff',
    permission,
    params: idParams,
    response: campaign,
    tags,
    summary: 'Cancel a scheduled campaign (or drop a draft)',
  },
  results: {
    method: 'GET',
    path: '/campaigns/:id/results',
    auth: 'staff',
    permission,
    params: idParams,
    response: campaignResults,
    tags,
  },
});
