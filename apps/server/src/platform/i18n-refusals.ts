import type { Locale } from '@m4s/contracts';

/**
 * Field messages for what the database or the image decoder refuses (i18n.ts's fieldMessages takes them in):
 * a foreign key, unique or not-null refusal named by its field, an upload's image that does not decode, a
 * whole-installation backup asked of a Citus coordinator.
 */
export const refusalMessages: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    reference_unknown: '所选的记录不存在或已被删除，请刷新后重新选择',
    still_referenced: '该记录仍被其他数据引用，无法删除或修改',
    value_taken: '该值已被使用',
    image_unreadable: '无法识别该图片，请上传完整的 JPEG、PNG 或 WebP 图片',
    image_pixels: '图片尺寸过大（超过4000万像素），请缩小后重试',
    logo_unreadable: '无法识别该图片，请上传完整的 PNG、JPEG、SVG 或 WebP 图片',
    backup_per_node: '该数据库是 Citus 协调节点：整库备份需在每个节点上分别进行（见 docs/backup.md）',
  },
  en: {
    reference_unknown: 'The selected record does not exist or was deleted; reload and choose again',
    still_referenced: 'This record is still referenced by other data and cannot be deleted or changed',
    value_taken: 'This value is already taken',
    image_unreadable: 'This image cannot be read; upload a complete JPEG, PNG or WebP image',
    image_pixels: 'The image is too large (over 40 megapixels); make it smaller and try again',
    logo_unreadable: 'This image cannot be read; upload a complete PNG, JPEG, SVG or WebP image',
    backup_per_node: 'This database is a Citus coordinator: back the cluster up on each node (docs/backup.md)',
  },
};
