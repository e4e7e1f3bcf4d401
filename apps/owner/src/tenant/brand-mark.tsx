import { useState } from 'react';
import type { PublicTenant } from '@m4s/contracts';

type Props = { tenant: PublicTenant; size?: number };

/** The dealer's logo (served relative to <base>, so `logo` is /o/<slug>/logo), or a monogram. */
export const BrandMark = ({ tenant, size = 40 }: Props) => {
  const [broken, setBroken] = useState(false);
  const style = { width: size, height: size, borderRadius: size / 4 };
  if (tenant.hasLogo && !broken) {
    return (
      <img
        className="brand-mark brand-mark-logo"
        src="logo"
        alt={tenant.shortName}
        style={style}
        onError={() => setBroken(true)}
      />
    );
  }
  return (
    <span className="brand-mark brand-mark-monogram" style={{ ...style, fontSize: size * 0.46 }} aria-hidden>
      {Array.from(tenant.shortName)[0] ?? 'M'}
    </span>
  );
};
