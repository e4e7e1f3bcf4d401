/** 13800000000 → 138****0000: how a phone number is shown where the full number is not needed. */
export const maskPhone = (phone: string): string =>
  phone.length >= 11 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone;
