import {
  cockpitItems,
  myScorecardQuery,
  scorecard,
  scorecardQuery,
  scorecards,
  scoreItemsQuery,
  scoreWeights,
  scoreWeightsView,
  today,
  todayItemsQuery,
  todayQuery,
  trend,
  trendQuery,
} from '../cockpit.ts';
import { defineRoutes } from '../api/route.ts';
import { z } from 'zod';

const tags = ['cockpit'];

/** The morning view and the staff scorecard (docs/cockpit.md). Scope: group → any store, store → its own, own → self. */
export const cockpitRoutes = defineRoutes({
  /** Today's figures for the group (per store), a store (per advisor) or an advisor. */
  today: {
    method: 'GET',
    path: '/cockpit/today',
    auth: 'staff',
    permission: 'visit.read',
    query: todayQuery,
    response: today,
    tags,
  },
  /** The visits, bookings, tasks, alerts or complaints behind one of today's numbers. */
  todayItems: {
    method: 'GET',
    path: '/cockpit/today/items',
    auth: 'staff',
    permission: 'visit.read',
    query: todayItemsQuery,
    response: cockpitItems,
    tags,
  },
  /** Monthly cars in, delivered, bookings and complaints with each month's working days and holidays. */
  trend: {
    method: 'GET',
    path: '/cockpit/trend',
    auth: 'staff',
    permission: 'visit.read',
    query: trendQuery,
    response: trend,
    tags,
  },
  /** Every advisor's scorecard in a store for a month, ranked (managers). */
  scorecards: {
    method: 'GET',
    path: '/cockpit/scorecards',
    auth: 'staff',
    permission: 'visit.read',
    query: scorecardQuery,
    response: scorecards,
    tags,
  },
  /** The signed-in person's own scorecard and rank in their store. */
  myScorecard: {
    method: 'GET',
    path: '/cockpit/scorecards/mine',
    auth: 'staff',
    permission: 'visit.read',
    query: myScorecardQuery,
    response: scorecard,
    tags,
  },
  /** What stands behind one component of a person's scorecard (the visits, answers, referrals, alerts). */
  scoreItems: {
    method: 'GET',
    path: '/cockpit/scorecards/:staffId/items',
    auth: 'staff',
    permission: 'visit.read',
    params: z.strictObject({ staffId: z.uuid() }),
    query: scoreItemsQuery,
    response: cockpitItems,
    tags,
  },
  /** The tenant's scorecard weights (seed 002's until changed). */
  weights: {
    method: 'GET',
    path: '/cockpit/score-weights',
    auth: 'staff',
    permission: 'visit.read',
    response: scoreWeightsView,
    tags,
  },
  /** New weights: whole percents summing to 100 (audited with the old and new values). */
  saveWeights: {
    method: 'PUT',
    path: '/cockpit/score-weights',
    auth: 'staff',
    permission: 'tenant.settings',
    body: scoreWeights,
    response: scoreWeightsView,
    tags,
  },
});
