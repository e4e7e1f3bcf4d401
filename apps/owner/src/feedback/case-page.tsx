import { useState } from 'react';
import {
  Button,
  Image,
  ImageUploader,
  NavBar,
  Space,
  Steps,
  Tag,
  TextArea,
  Toast,
  type ImageUploadItem,
} from 'antd-mobile';
import { useParams } from 'react-router-dom';
import type { OwnerComplaintDetail } from '@m4s/contracts';
import { compressPhoto, errorText } from '@m4s/web-kit';
import { EmptyState, LoadFailed, PageLoading } from '@m4s/web-kit/mobile';
import { MessageOutline } from 'antd-mobile-icons';
import { useI18n } from '../i18n.ts';
import { useBack } from '../ui/use-back.ts';
import { photoHref, useAddInfo, useAnswerFollowUp, useOwnerCase } from './feedback-api.ts';
import '../visits/visit.css';

/** An update's moment in the owner's zone (not the UTC digits of its ISO text): 2026-12-07 15:50. */
const clock = new Intl.DateTimeFormat('sv-SE', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const stamp = (iso: string) => clock.format(new Date(iso));

/** The owner's word at follow-up: satisfied (the case can close) or not (it is handled again). */
const FollowUp = ({ c }: { c: OwnerComplaintDetail }) => {
  const { t } = useI18n();
  const answer = useAnswerFollowUp(c.id);
  const [note, setNote] = useState('');
  const say = (satisfied: boolean) =>
    answer.mutate({ satisfied, note }, { onError: (e) => Toast.show({ content: errorText(e, t('feedback.failed')) }) });
  return (
    <section className="visit-card" data-testid="feedback-follow-up">
      <div className="visit-card-title">{t('feedback.satisfiedQuestion')}</div>
      <TextArea value={note} onChange={setNote} placeholder={t('feedback.notSatisfiedNote')} rows={2} />
      <Space block justify="center">
        <Button color="primary" loading={answer.isPending} onClick={() => say(true)} data-testid="feedback-satisfied">
          {t('feedback.satisfied')}
        </Button>
        <Button
          color="danger"
          fill="outline"
          loading={answer.isPending}
          onClick={() => say(false)}
          data-testid="feedback-not-satisfied"
        >
          {t('feedback.notSatisfied')}
        </Button>
      </Space>
    </section>
  );
};

const AddInfo = ({ id }: { id: string }) => {
  const { t } = useI18n();
  const add = useAddInfo(id);
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<ImageUploadItem[]>([]);
  const send = () =>
    add.mutate(
      { text, photos: photos.map((p) => p.url) },
      {
        onSuccess: () => {
          setText('');
          setPhotos([]);
        },
        onError: (e) => Toast.show({ content: errorText(e, t('feedback.failed')) }),
      },
    );
  return (
    <section className="visit-card" data-testid="feedback-add-info">
      <div className="visit-card-title">{t('feedback.addInfo')}</div>
      <TextArea
        value={text}
        onChange={setText}
        placeholder={t('feedback.addInfoPlaceholder')}
        rows={2}
        data-testid="feedback-info-text"
      />
      <ImageUploader
        value={photos}
        onChange={setPhotos}
        maxCount={6}
        upload={async (f) => ({ url: await compressPhoto(f) })}
      />
      <Button block disabled={!text.trim()} loading={add.isPending} onClick={send} data-testid="feedback-info-send">
        {t('feedback.send')}
      </Button>
    </section>
  );
};

/** One case: its status, the public updates (never the store's internal notes), the follow-up question. */
export const FeedbackCasePage = () => {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const back = useBack('/feedback');
  const query = useOwnerCase(id);
  if (query.isPending) return <PageLoading />;
  if (query.error) return <LoadFailed onRetry={() => void query.refetch()} />;
  const c = query.data;
  if (!c)
    return <EmptyState icon={<MessageOutline />} title={t('feedback.notFound')} description={t('feedback.intro')} />;
  return (
    <div className="tab-page" data-testid="page-feedback-case">
      <NavBar onBack={back}>{t(`feedback.kind.${c.kind}`)}</NavBar>
      <section className="visit-card">
        <Space wrap>
          <Tag color="primary" data-testid="feedback-case-stage">
            {t(`feedback.stage.${c.stage}`)}
          </Tag>
          <Tag>{t(`feedback.category.${c.category}`)}</Tag>
          {c.plate ? <Tag>{c.plate}</Tag> : null}
        </Space>
        <p>{c.summary}</p>
        {c.customerRequest ? <p className="visit-card-hint">{c.customerRequest}</p> : null}
        {c.photoIds.length > 0 && (
          <Space wrap>
            {c.photoIds.map((p) => (
              <Image key={p} src={photoHref(c.id, p)} width={72} height={72} fit="cover" />
            ))}
          </Space>
        )}
        {c.solution ? (
          <p data-testid="feedback-solution">
            {t('feedback.solution')}：{c.solution}
          </p>
        ) : null}
        {c.adopted !== null && <p>{t(c.adopted ? 'feedback.adopted' : 'feedback.notAdopted')}</p>}
      </section>
      {c.awaitingFollowUp && <FollowUp c={c} />}
      <section className="visit-card" data-testid="feedback-updates">
        <div className="visit-card-title">{t('feedback.updates')}</div>
        <Steps direction="vertical" current={c.updates.length - 1}>
          {c.updates.map((u, i) => (
            <Steps.Step
              key={`${u.at}-${i}`}
              title={t(`feedback.update.${u.kind as 'received'}`)}
              description={`${stamp(u.at)}${u.text ? ` · ${u.text}` : ''}`}
            />
          ))}
        </Steps>
      </section>
      {c.stage !== 'closed' && <AddInfo id={c.id} />}
    </div>
  );
};
