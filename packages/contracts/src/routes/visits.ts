import {
  estimateBody,
  ownerLineDecisionBody,
  ownerVisitDetail,
  ownerVisitList,
  staffLineDecisionBody,
  visit,
  visitBoard,
  visitBoardQuery,
  visitCheckInBody,
  visitDeliverBody,
  visitVoidPaymentBody,
  visitLineParams,
  visitPhotoBody,
  visitPhotoCreated,
  visitPhotoParams,
  visitRatingBody,
  visitStatusBody,
} from '../visits.ts';
import { idParams } from '../common.ts';
import { defineRoutes } from '../api/route.ts';

const tags = ['visits'];
const ownerTags = ['owner-visits'];

/** A visit: the workshop side (board, check-in, photos, estimate, stages, delivery) and the owner's live page. */
export const visitRoutes = defineRoutes({
  board: {
    method: 'GET',
    path: '/visits/board',
    auth: 'staff',
    permission: 'visit.read',
    query: visitBoardQuery,
    response: visitBoard,
    tags,
  },
  checkIn: {
    method: 'POST',
    path: '/visits',
    auth: 'staff',
    permission: 'visit.write',
    body: visitCheckInBody,
    response: visit,
    status: 201,
    tags,
  },
  get: {
    method: 'GET',
    path: '/visits/:id',
    auth: 'staff',
    permission: 'visit.read',
    params: idParams,
    response: visit,
    tags,
  },
  /** One walk-around photo as a data URL (JSON), compressed by the app; the server allows a larger body here. */
  addPhoto: {
    method: 'POST',
    path: '/visits/:id/photos',
    auth: 'staff',
    permission: 'visit.write',
    params: idParams,
    body: visitPhotoBody,
    response: visitPhotoCreated,
    status: 201,
    tags,
  },
  photo: {
    method: 'GET',
    path: '/visits/:id/photos/:photoId',
    auth: 'staff',
    permission: 'visit.read',
    params: visitPhotoParams,
    response: 'file',
    tags,
  },
  saveEstimate: {
    method: 'PUT',
    path: '/visits/:id/estimate',
    auth: 'staff',
    permission: 'visit.write',
    params: idParams,
    body: estimateBody,
    response: visit,
    tags,
  },
  sendEstimate: {
    method: 'POST',
    path: '/visits/:id/estimate/send',
    auth: 'staff',
    permission: 'visit.write',
    params: idParams,
    response: visit,
    tags,
  },
  decideLine: {
    method: 'POST',
    path: '/visits/:id/lines/:lineId/decision',
    auth: 'staff',
    permission: 'visit.write',
    params: visitLineParams,
    body: staffLineDecisionBody,
    response: visit,
    tags,
  },
  changeStatus: {
    method: 'POST',
    path: '/visits/:id/status',
    auth: 'staff',
    permission: 'visit.write',
    params: idParams,
    body: visitStatusBody,
    response: visit,
    tags,
  },
  /** visit.write or payment.write (the cashier): checked against the visit's store in the service. */
  deliver: {
    method: 'POST',
    path: '/visits/:id/deliver',
    auth: 'staff',
    params: idParams,
    body: visitDeliverBody,
    response: visit,
    tags,
  },
  /** A delivered visit's payment taken back (refunded): its points and the referral reward it brought are reversed. */
  voidPayment: {
    method: 'POST',
    path: '/visits/:id/payment/void',
    auth: 'staff',
    permission: 'payment.write',
    params: idParams,
    body: visitVoidPaymentBody,
    response: visit,
    tags,
  },

  /**
   * A store's live events for its staff as Server-Sent Events (`visit`, `estimate`: the owner's decisions,
   * stages, estimates sent), so the board and the visit page follow without polling. `custom`: the session
   * and `visit.read` on the store are checked in a short transaction and the stream is held outside any.
   */
  storeEvents: {
    method: 'GET',
    path: '/stores/:id/events',
    auth: 'custom',
    permission: 'visit.read',
    params: idParams,
    response: 'stream',
    tags,
  },

  // ── Owner app ──
  ownerList: { method: 'GET', path: '/owner/visits', auth: 'owner', response: ownerVisitList, tags: ownerTags },
  ownerGet: {
    method: 'GET',
    path: '/owner/visits/:id',
    auth: 'owner',
    params: idParams,
    response: ownerVisitDetail,
    tags: ownerTags,
  },
  ownerDecideLine: {
    method: 'POST',
    path: '/owner/visits/:id/lines/:lineId/decision',
    auth: 'owner',
    params: visitLineParams,
    body: ownerLineDecisionBody,
    response: ownerVisitDetail,
    tags: ownerTags,
  },
  ownerRate: {
    method: 'POST',
    path: '/owner/visits/:id/rating',
    auth: 'owner',
    params: idParams,
    body: visitRatingBody,
    response: ownerVisitDetail,
    tags: ownerTags,
  },
  ownerPhoto: {
    method: 'GET',
    path: '/owner/visits/:id/photos/:photoId',
    auth: 'owner',
    params: visitPhotoParams,
    response: 'file',
    tags: ownerTags,
  },
});
