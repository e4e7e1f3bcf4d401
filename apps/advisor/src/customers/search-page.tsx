import { useState } from 'react';
import { Button, DotLoading, List, SearchBar } from 'antd-mobile';
import { SearchOutline, UserAddOutline } from 'antd-mobile-icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { CustomerSummary } from '@m4s/contracts';
import { errorText } from '@m4s/web-kit';
import { EmptyState } from '@m4s/web-kit/mobile';
import { useI18n } from '../i18n.ts';
import { tooFewDigits, useCustomerSearch } from './api.ts';
import { Flags } from './flags.tsx';
import { PageBar } from './page-bar.tsx';
import './search.css';

/** Results keep the query in the URL, so "back" from a customer returns to the same list. */
export const SearchPage = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const results = useCustomerSearch(q);
  const searched = q.trim().length > 0 && !tooFewDigits(q);

  const search = (value: string) => setParams(value.trim() ? { q: value.trim() } : {}, { replace: true });
  const newCustomer = (
    <Button color="primary" fill="outline" shape="rounded" onClick={() => void navigate('/customers/new')}>
      <UserAddOutline /> {t('home.newCustomer')}
    </Button>
  );

  return (
    <div className="sub-page">
      <PageBar title={t('search.title')} />
      <div className="search-bar-wrap">
        <SearchBar
          value={text}
          onChange={setText}
          onSearch={search}
          onClear={() => search('')}
          placeholder={t('search.placeholder')}
          autoFocus={!q}
          data-testid="customer-search"
        />
      </div>
      {tooFewDigits(q) && <p className="search-note search-note-warn">{t('search.shortDigits')}</p>}
      {!searched && !tooFewDigits(q) && (
        <EmptyState icon={<SearchOutline />} title={t('search.title')} description={t('search.hint')}>
          {newCustomer}
        </EmptyState>
      )}
      {searched && results.isPending && (
        <div className="search-note">
          <DotLoading color="primary" />
        </div>
      )}
      {searched && results.isError && (
        <p className="search-note search-note-warn">{errorText(results.error, t('app.loadFailedHint'))}</p>
      )}
      {searched && results.data?.length === 0 && (
        <EmptyState
          icon={<SearchOutline />}
          title={t('search.empty', { q })}
          description={t('search.emptyHint')}
          testId="search-empty"
        >
          {newCustomer}
        </EmptyState>
      )}
      {searched && results.data && results.data.length > 0 && (
        <>
          <p className="search-note">{t('search.count', { count: results.data.length })}</p>
          <List mode="card" className="results" data-testid="customer-results">
            {results.data.map((c: CustomerSummary) => (
              <List.Item
                key={c.id}
                arrowIcon
                onClick={() => void navigate(`/customers/${c.id}`)}
                description={<Flags malicious={c.malicious} tags={c.tags} />}
                extra={<span className="tabular">{c.primaryPhone}</span>}
                data-testid={`result-${c.id}`}
              >
                <span className="result-name">{c.name}</span>
                {c.kind === 'organisation' && <span className="result-kind">{t('customer.kind.organisation')}</span>}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </div>
  );
};
