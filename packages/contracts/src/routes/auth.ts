import {
  otpRequestBody,
  otpRequestResponse,
  otpVerifyBody,
  ownerMe,
  passwordChangeBody,
  staffMe,
  staffSignInBody,
} from '../auth.ts';
import { okResponse } from '../common.ts';
import { defineRoutes } from '../api/route.ts';

const tags = ['auth'];

/** Sign-in names its tenant in the body (auth `tenant`); the server opens that tenant itself. */
export const authRoutes = defineRoutes({
  staffSignIn: {
    method: 'POST',
    path: '/auth/staff/sign-in',
    auth: 'tenant',
    body: staffSignInBody,
    response: staffMe,
    tags,
  },
  staffMe: { method: 'GET', path: '/auth/staff/me', auth: 'staff', response: staffMe, tags },
  staffSignOut: { method: 'POST', path: '/auth/staff/sign-out', auth: 'staff', response: okResponse, tags },
  staffPassword: {
    method: 'POST',
    path: '/auth/staff/password',
    auth: 'staff',
    body: passwordChangeBody,
    response: okResponse,
    tags,
  },
  ownerOtp: {
    method: 'POST',
    path: '/auth/owner/otp',
    auth: 'tenant',
    body: otpRequestBody,
    response: otpRequestResponse,
    tags,
  },
  ownerSignIn: {
    method: 'POST',
    path: '/auth/owner/sign-in',
    auth: 'tenant',
    body: otpVerifyBody,
    response: ownerMe,
    tags,
  },
  ownerMe: { method: 'GET', path: '/auth/owner/me', auth: 'owner', response: ownerMe, tags },
  ownerSignOut: { method: 'POST', path: '/auth/owner/sign-out', auth: 'owner', response: okResponse, tags },
});
