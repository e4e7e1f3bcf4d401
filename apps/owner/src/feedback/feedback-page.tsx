import { Button, List, NavBar, Tag } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { EmptyState, LoadFailed, PageLoading } from '@m4s/web-kit/mobile';
import { MessageOutline } from 'antd-mobile-icons';
import { useI18n } from '../i18n.ts';
import { useBack } from '../ui/use-back.ts';
import { useOwnerCases } from './feedback-api.ts';
import '../visits/visit.css';

/** 反馈投诉: the owner's own cases with their status and last public update, and the way to file one. */
export const FeedbackPage = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  const back = useBack('/me');
  const cases = useOwnerCases();
  return (
    <div className="tab-page" data-testid="page-feedback">
      <NavBar onBack={back}>{t('feedback.title')}</NavBar>
      <section className="visit-card">
        <p className="visit-card-hint">{t('feedback.intro')}</p>
        <Button
          block
          color="primary"
          shape="rounded"
          onClick={() => void navigate('/feedback/new')}
          data-testid="feedback-new"
        >
          {t('feedback.new')}
        </Button>
      </section>
      {cases.isPending ? (
        <PageLoading />
      ) : cases.error ? (
        <LoadFailed onRetry={() => void cases.refetch()} />
      ) : cases.data.length === 0 ? (
        <EmptyState
          testId="feedback-empty"
          icon={<MessageOutline />}
          title={t('feedback.empty')}
          description={t('feedback.intro')}
        />
      ) : (
        <List mode="card">
          {cases.data.map((c) => (
            <List.Item
              key={c.id}
              onClick={() => void navigate(`/feedback/${c.id}`)}
              description={
                c.lastUpdate
                  ? `${t(`feedback.update.${c.lastUpdate.kind as 'received'}`)}${c.lastUpdate.text ? `：${c.lastUpdate.text}` : ''}`
                  : null
              }
              extra={
                <Tag
                  color={c.awaitingFollowUp ? 'warning' : c.stage === 'closed' ? 'default' : 'primary'}
                  data-testid="feedback-stage"
                >
                  {t(`feedback.stage.${c.stage}`)}
                </Tag>
              }
              data-testid="feedback-item"
            >
              {t(`feedback.kind.${c.kind}`)} · {t(`feedback.category.${c.category}`)}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
};
