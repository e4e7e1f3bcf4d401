import type { FastifyPluginAsync } from 'fastify';
import { complaintRoutes as r, visitPhotoMaxChars } from '@m4s/contracts';
import { uploadedImageHeaders } from '../../platform/images.ts';
import { serve } from '../../platform/http/serve.ts';
import * as cases from './cases.service.ts';
import * as owner from './owner.service.ts';
import { complaintReport, oemDraft } from './complaints.report.ts';
import * as service from './complaints.service.ts';

/** A phone photo compressed by the app is well under this; up to six of them when the owner files. */
const photoBodyLimit = visitPhotoMaxChars + 16_384;

export const complaintRoutes: FastifyPluginAsync = async (app) => {
  serve(app, r.list, async (ctx, req) => ({ items: await service.listComplaints(ctx, req.params.id) }));
  serve(app, r.open, (ctx, req) => service.openComplaint(ctx, req.params.id, req.body));
  serve(app, r.close, (ctx, req) => cases.closeComplaint(ctx, req.params.id, req.body));
  serve(app, r.cases, async (ctx, req) => ({ items: await cases.listCases(ctx, req.query) }));
  serve(app, r.report, (ctx) => complaintReport(ctx));
  serve(app, r.caseGet, (ctx, req) => service.getCase(ctx, req.params.id));
  serve(app, r.contact, (ctx, req) => cases.contact(ctx, req.params.id, req.body));
  serve(app, r.assign, (ctx, req) => cases.assign(ctx, req.params.id, req.body));
  serve(app, r.accept, (ctx, req) => cases.accept(ctx, req.params.id));
  serve(app, r.transfer, (ctx, req) => cases.transfer(ctx, req.params.id, req.body));
  serve(app, r.answer, (ctx, req) => cases.answer(ctx, req.params.id, req.body));
  serve(app, r.escalate, (ctx, req) => cases.escalateCase(ctx, req.params.id, req.body));
  serve(app, r.resolve, (ctx, req) => cases.resolve(ctx, req.params.id, req.body));
  serve(app, r.followUp, (ctx, req) => cases.followUp(ctx, req.params.id, req.body));
  serve(app, r.evaluate, (ctx, req) => cases.evaluate(ctx, req.params.id, req.body));
  serve(app, r.reopen, (ctx, req) => cases.reopen(ctx, req.params.id, req.body));
  serve(app, r.note, (ctx, req) => cases.addNote(ctx, req.params.id, req.body));
  serve(app, r.sendOemReport, (ctx, req) => cases.sendOemReport(ctx, req.params.id, req.body));
  serve(app, r.oemDraft, (ctx, req) => oemDraft(ctx, req.params.id));
  serve(app, r.editDeadline, (ctx, req) => cases.editDeadline(ctx, req.params.id, req.body));
  serve(app, r.improvementDone, (ctx, req) => cases.improvementDone(ctx, req.params.id));
  serve(app, r.addPhoto, (ctx, req) => owner.addStaffPhoto(ctx, req.params.id, req.body.dataUrl), {
    bodyLimit: photoBodyLimit,
  });
  serve(app, r.photo, async (ctx, req, reply) => {
    await service.getCase(ctx, req.params.id);
    const photo = await owner.photoOf(ctx, req.params.id, req.params.photoId);
    void reply.headers(uploadedImageHeaders(photo.type, `photo-${req.params.photoId}`));
    return photo.bytes;
  });
  serve(app, r.ownerList, async (ctx) => ({ items: await owner.ownerCases(ctx) }));
  serve(app, r.ownerGet, (ctx, req) => owner.ownerCase(ctx, req.params.id));
  serve(app, r.ownerFile, (ctx, req) => owner.fileOwnerCase(ctx, req.body), { bodyLimit: photoBodyLimit * 6 });
  serve(app, r.ownerInfo, (ctx, req) => owner.addOwnerInfo(ctx, req.params.id, req.body), {
    bodyLimit: photoBodyLimit * 6,
  });
  serve(app, r.ownerFollowUp, (ctx, req) => owner.ownerFollowUp(ctx, req.params.id, req.body));
  serve(app, r.ownerPhoto, async (ctx, req, reply) => {
    await owner.ownerCase(ctx, req.params.id);
    const photo = await owner.photoOf(ctx, req.params.id, req.params.photoId);
    void reply.headers(uploadedImageHeaders(photo.type, `photo-${req.params.photoId}`));
    return photo.bytes;
  });
};
