import { Tag } from 'antd-mobile';
import type { DueState } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';

const colors: Record<DueState, string> = { expired: 'danger', soon: 'warning', ok: 'success' };

/** 已过期 / 即将到期 / 正常 beside a date; a service that has come round is 已到期, not "expired". */
export const DueChip = ({
  state,
  service = false,
  testId,
}: {
  state: DueState;
  service?: boolean;
  testId?: string;
}) => {
  const { t } = useI18n();
  const label = state === 'expired' ? t(service ? 'due.serviceExpired' : 'due.expired') : t(`due.${state}`);
  return (
    <Tag color={colors[state]} fill="outline" className="due-chip" data-testid={testId} data-state={state}>
      {label}
    </Tag>
  );
};
