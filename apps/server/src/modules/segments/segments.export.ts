import type { SegmentListDimension } from '@m4s/contracts';
import { customerExportCap, customerSheet, exportDay } from '../imports/customers-export.ts';
import type { InStaffTx } from '../../platform/http/staff-tx.ts';
import type { XlsxSheet } from '../imports/xlsx-out.ts';
import { storeNames as storeNamesOf } from '../stores/stores.service.ts';
import { exportIds } from './segments.service.ts';

const exportName = { 'zh-CN': '客户分群', en: 'segment' } as const;

/**
 * One class's customers as the customer export's sheet (same columns, same masking rule): the ids are found
 * (and the export audited) in one transaction, each page of rows is read in its own while the file is sent.
 */
export const segmentExport = async (
  inTx: InStaffTx,
  dimension: SegmentListDimension,
  value: string,
): Promise<XlsxSheet> => {
  const found = await inTx(async (ctx) => {
    const ids = await exportIds(ctx, dimension, value, customerExportCap);
    return { ids, storeNames: await storeNamesOf(ctx), locale: ctx.request.locale, day: await exportDay(ctx) };
  });
  const { day } = found;
  return customerSheet(inTx, {
    ids: found.ids,
    cap: customerExportCap,
    storeNames: found.storeNames,
    locale: found.locale,
    fileName: `${exportName[found.locale]}-${dimension}-${value}-${day}.xlsx`,
    fallbackName: `segment-${dimension}-${value}-${day}.xlsx`,
  });
};
