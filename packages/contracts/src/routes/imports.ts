import { z } from 'zod';
import { idParams, listOf } from '../common.ts';
import {
  customerExportQuery,
  importErrorList,
  importErrorsQuery,
  importJob,
  importMappingBody,
  importPreview,
  importPreviewBody,
} from '../imports.ts';
import { defineRoutes } from '../api/route.ts';

const tags = ['imports'];

/**
 * DMS import and the customer export. The upload and the spreadsheets are streamed outside the request's
 * transaction (auth `custom`): the handler opens short ones with the permission named here.
 */
export const importRoutes = defineRoutes({
  /** multipart/form-data: a `kind` field, then the `file` (.csv UTF-8/GBK or .xlsx). */
  upload: {
    method: 'POST',
    path: '/imports',
    auth: 'custom',
    permission: 'customer.import',
    bodyKind: 'multipart',
    response: importJob,
    status: 201,
    tags,
  },
  list: {
    method: 'GET',
    path: '/imports',
    auth: 'staff',
    permission: 'customer.import',
    response: listOf(importJob),
    tags,
  },
  get: {
    method: 'GET',
    path: '/imports/:id',
    auth: 'staff',
    permission: 'customer.import',
    params: idParams,
    response: importJob,
    tags,
  },
  chooseMapping: {
    method: 'PUT',
    path: '/imports/:id/mapping',
    auth: 'staff',
    permission: 'customer.import',
    params: idParams,
    body: importMappingBody,
    response: importJob,
    tags,
  },
  /**
   * The first 50 data rows with this mapping, applied and rolled back: what would be created, filled in or
   * refused. Only before the run (409 after). Auth `custom`: the file is read before the transaction.
   */
  preview: {
    method: 'POST',
    path: '/imports/:id/preview',
    auth: 'custom',
    permission: 'customer.import',
    params: idParams,
    body: importPreviewBody,
    response: importPreview,
    tags,
  },
  /**
   * Undoes a finished run: what it created is removed, what it filled in restored, in one transaction —
   * only while none of those records changed since (409 with details.blockers otherwise). Audited.
   */
  undo: {
    method: 'POST',
    path: '/imports/:id/undo',
    auth: 'staff',
    permission: 'customer.import',
    params: idParams,
    response: importJob,
    tags,
  },
  errors: {
    method: 'GET',
    path: '/imports/:id/errors',
    auth: 'staff',
    permission: 'customer.import',
    params: idParams,
    query: importErrorsQuery,
    response: importErrorList,
    tags,
  },
  /** The run's errors as an XLSX report. */
  errorReport: {
    method: 'GET',
    path: '/imports/:id/errors.xlsx',
    auth: 'custom',
    permission: 'customer.import',
    params: idParams,
    response: 'file',
    tags,
  },
  /** The sample DMS export of a kind, or `workbook` (three sheets, one run); anything else is a 404. */
  sample: {
    method: 'GET',
    path: '/imports/samples/:kind',
    auth: 'staff',
    permission: 'customer.import',
    params: z.strictObject({ kind: z.string().max(40) }),
    response: 'file',
    tags,
  },
  /** The customer search (or everyone, capped) as a spreadsheet; audited. */
  exportCustomers: {
    method: 'GET',
    path: '/customers/export.xlsx',
    auth: 'custom',
    permission: 'customer.export',
    query: customerExportQuery,
    response: 'file',
    tags: ['customers'],
  },
});
