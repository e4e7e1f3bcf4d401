import assert from 'node:assert/strict';
import type { CampaignInput } from '@m4s/contracts';
import type { Agent } from '../../../test/harness.ts';
import { sqlOwner } from '../loyalty/test-kit.ts';

/** A campaign to the whole base with the coupon template's coupon, by SMS, sent now; override anything. */
export const campaignBody = (templateId: string, over: Partial<CampaignInput> = {}): CampaignInput => ({
  name: '保养季回馈',
  audience: {},
  offer: { kind: 'coupon', templateId },
  channel: 'sms',
  message: '保养季回馈：到店保养立减50元，优惠券已放入卡券包。',
  attributionDays: 30,
  controlPercent: 0,
  ...over,
});

export const createCampaign = async (admin: Agent, body: CampaignInput) => {
  const res = await admin.send('POST', '/api/campaigns', body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json<{ id: string }>().id;
};

export const previewOf = async (admin: Agent, campaign: CampaignInput, campaignId: string | null = null) => {
  const res = await admin.send('POST', '/api/campaigns/preview', { campaign, campaignId });
  assert.equal(res.statusCode, 200, res.body);
  return res.json<{
    audience: number;
    reached: number;
    held: number;
    control: number;
    deferred: number;
    reasons: Record<string, number>;
  }>();
};

/** A tenant's campaign rows for the cross-tenant suite and the fuzz world: a sent campaign with its test customer reached. */
export const campaignRowsFor = async (t: { id: string; customerId: string }) => {
  const [row] = await sqlOwner(
    `INSERT INTO campaigns (tenant_id, name, audience, offer, channel, message, attribution_days, created_at, sent_at,
       status, counts)
     VALUES ($1, '越界活动', '{}'::jsonb,
       jsonb_build_object('kind', 'package', 'serviceTypeId', gen_random_uuid()::text, 'name', '越界套餐', 'priceFen', 100),
       'sms', '越界', 30, now(), now(), 'sent',
       '{"audience":1,"reached":1,"deferred":0,"held":0,"control":0,"reasons":{}}'::jsonb)
     RETURNING id`,
    [t.id],
  );
  const campaignId = String(row?.id);
  await sqlOwner(
    `INSERT INTO campaign_members (tenant_id, campaign_id, customer_id, grp, decision) VALUES ($1, $2, $3, 'reached', 'sent')`,
    [t.id, campaignId, t.customerId],
  );
  return campaignId;
};
