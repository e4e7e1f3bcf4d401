import type { servicesZhCN } from './services-zh-cn.ts';

/** Services (docs/services.md). */
export const servicesEn: Record<keyof typeof servicesZhCN, string> = {
  'nav.services': 'Services',
  'svcAdmin.title': 'Services',
  'svcAdmin.subtitle':
    "The owner app's one-tap services: switch them on per store, fill in what they need (the rescue line), see the requests",
  'svcAdmin.tab.setup': 'Per store',
  'svcAdmin.tab.requests': 'Requests',
  'svcAdmin.store': 'Store',
  'svcAdmin.service': 'Service',
  'svcAdmin.handler': 'Handled by',
  'svcAdmin.settings': 'Settings',
  'svcAdmin.state': 'State',
  'svcAdmin.enabled': 'On',
  'svcAdmin.offered': 'Offered to owners',
  'svcAdmin.missing': 'Settings missing; not offered',
  'svcAdmin.off': 'Off',
  'svcAdmin.saved': 'Saved',
  'svcAdmin.failed': 'Could not save',
  'svcAdmin.open': 'Open',
  'svcAdmin.all': 'All',
  'svcAdmin.urgent': 'Urgent',
  'svcAdmin.customer': 'Customer',
  'svcAdmin.status': 'Progress',
  'svcAdmin.due': 'Due',
  'svcAdmin.created': 'Sent',
};
