import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { SearchOutline, UserAddOutline } from 'antd-mobile-icons';
import { useI18n } from '../i18n.ts';
import './search.css';

/** The home screen's way in: type a name or phone digits, or register the walk-in standing at the desk. */
export const SearchEntry = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [q, setQ] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const query = q.trim();
    void navigate(query ? `/customers?q=${encodeURIComponent(query)}` : '/customers');
  };

  return (
    <section className="search-entry" data-testid="section-customers">
      <div className="home-section-head">
        <span className="home-section-title">{t('home.customers')}</span>
      </div>
      <form className="search-entry-form" onSubmit={submit} role="search">
        <SearchOutline className="search-entry-icon" />
        <input
          className="search-entry-input"
          type="search"
          enterKeyHint="search"
          placeholder={t('home.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          data-testid="home-search"
        />
      </form>
      <button
        type="button"
        className="search-entry-new"
        onClick={() => void navigate('/customers/new')}
        data-testid="home-new-customer"
      >
        <UserAddOutline /> {t('home.newCustomer')}
      </button>
    </section>
  );
};
