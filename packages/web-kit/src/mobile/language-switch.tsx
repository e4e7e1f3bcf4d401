import type { Locale } from '@m4s/contracts';
import { useSharedI18n } from '../i18n.ts';
import './language-switch.css';

const options: { value: Locale; label: string }[] = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en', label: 'English' },
];

/** Two-way segmented switch; each label is written in its own language so anyone can find theirs. */
export const LanguageSwitch = ({ tone = 'default' }: { tone?: 'default' | 'inverse' }) => {
  const { locale, setLocale } = useSharedI18n();
  return (
    <div className={`lang-switch lang-switch-${tone}`} role="radiogroup" aria-label="语言 / Language">
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={locale === o.value}
          data-testid={`lang-${o.value}`}
          className={locale === o.value ? 'lang-option lang-option-active' : 'lang-option'}
          onClick={() => setLocale(o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
};
