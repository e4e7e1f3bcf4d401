import type { ServiceHooks } from '../define.ts';

/**
 * One rescue at a time per owner (a second tap while one is open is refused: the open one is on its way), and
 * the owner hears of the driver in their 消息中心 as well as on the live page.
 */
export const rescueHooks: ServiceHooks = {
  onSubmit: async (ctx, request) => {
    if (!request.ownerId) return;
    const open = await ctx.cases.openOfOwner(request.ownerId);
    if (open.length > 0) ctx.refuse('serviceId', 'service_rescue_open');
  },
  onStatus: async (ctx, request, status) => {
    if (status !== 'dispatched') return;
    const driver = String(request.current.driver ?? '');
    const eta = Number(request.current.etaMinutes ?? 0);
    await ctx.notifyOwner({
      title: '救援车已出发',
      body: `救援司机${driver}正在赶来，预计${eta}分钟到达。`,
    });
  },
};
