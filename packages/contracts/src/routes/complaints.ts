import { idParams } from '../common.ts';
import { complaint, complaintClose, complaintInput, complaintList } from '../complaints.ts';
import { defineRoutes } from '../api/route.ts';

const tags = ['complaints'];

export const complaintRoutes = defineRoutes({
  /** A customer's complaints (the id is the customer's). */
  list: {
    method: 'GET',
    path: '/customers/:id/complaints',
    auth: 'staff',
    permission: 'customer.read',
    params: idParams,
    response: complaintList,
    tags,
  },
  open: {
    method: 'POST',
    path: '/customers/:id/complaints',
    auth: 'staff',
    permission: 'customer.write',
    params: idParams,
    body: complaintInput,
    response: complaint,
    status: 201,
    tags,
  },
  close: {
    method: 'POST',
    path: '/complaints/:id/close',
    auth: 'staff',
    permission: 'customer.write',
    params: idParams,
    body: complaintClose,
    response: complaint,
    tags,
  },
});
