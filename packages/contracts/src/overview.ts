import { z } from 'zod';
import { customer } from './customers.ts';
import { consentEntry, interaction, repairOrder, salesOrder } from './history.ts';
import { vehicle } from './vehicles.ts';

/** The customer 360 view in one answer. */
export const customerOverview = z.object({
  customer,
  vehicles: z.array(vehicle),
  salesOrders: z.array(salesOrder),
  repairOrders: z.array(repairOrder),
  interactions: z.array(interaction),
  consents: z.array(consentEntry),
});
export type CustomerOverview = z.infer<typeof customerOverview>;
