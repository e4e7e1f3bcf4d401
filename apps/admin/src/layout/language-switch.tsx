import { Segmented } from 'antd';
import type { Locale } from '@m4s/contracts';
import { useI18n } from '../i18n.ts';

const options: { label: string; value: Locale }[] = [
  { label: '中文', value: 'zh-CN' },
  { label: 'English', value: 'en' },
];

/** Language names are written in their own language, so nobody is stuck in one they cannot read. */
export const LanguageSwitch = () => {
  const { locale, setLocale } = useI18n();
  return (
    <Segmented<Locale>
      size="small"
      options={options}
      value={locale}
      onChange={setLocale}
      data-testid="language-switch"
    />
  );
};
