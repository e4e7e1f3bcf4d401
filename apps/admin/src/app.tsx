import { CasePage } from './complaints/case-page.tsx';
import { CasesPage } from './complaints/cases-page.tsx';
import { Button, Result, Spin } from 'antd';
import { Navigate, Route, Routes } from 'react-router-dom';
import { ApiError } from '@m4s/web-kit';
import { useI18n } from './i18n.ts';
import { useMe } from './auth/session.ts';
import { SignInPage } from './auth/sign-in-page.tsx';
import { AdminLayout } from './layout/admin-layout.tsx';
import { StoresPage } from './stores/stores-page.tsx';
import { StaffPage } from './staff/staff-page.tsx';
import { BrandingPage } from './branding/branding-page.tsx';
import { CalendarPage } from './calendar/calendar-page.tsx';
import { AuditPage } from './audit/audit-page.tsx';
import { CustomersPage } from './customers/customers-page.tsx';
import { Customer360Page } from './customers/customer-360-page.tsx';
import { BindingsPage } from './bindings/bindings-page.tsx';
import { ImportsPage } from './imports/imports-page.tsx';
import { ImportJobPage } from './imports/import-job-page.tsx';
import { BookingSetupPage } from './service/booking-setup-page.tsx';
import { ServiceTypesPage } from './service/service-types-page.tsx';
import { IntervalsPage } from './service/intervals-page.tsx';
import { BookingCalendarPage } from './service/booking-calendar-page.tsx';
import { ServiceStatsPage } from './service/service-stats-page.tsx';
import { SegmentsPage } from './segments/segments-page.tsx';
import { CareRulesPage } from './care/care-rules-page.tsx';
import { CareDryRunPage } from './care/care-dry-run-page.tsx';
import { WebhooksPage } from './webhooks/webhooks-page.tsx';
import { TelematicsPage } from './telematics/telematics-page.tsx';
import { LoyaltyPage } from './loyalty/loyalty-page.tsx';
import { ContentPage } from './content/content-page.tsx';
import { ServicesPage } from './services/services-page.tsx';
import { ChatStatsPage } from './chat/chat-stats-page.tsx';
import { SurveysPage } from './surveys/surveys-page.tsx';
import { CampaignPage, CampaignsPage } from './campaigns/campaigns-page.tsx';
import { QuestionnairePage } from './surveys/questionnaire-page.tsx';
import { IndicesPage } from './indices/indices-page.tsx';
import { KpisPage } from './kpis/kpis-page.tsx';
import { ReportsPage } from './reports/reports-page.tsx';
import { MorningPage } from './cockpit/morning-page.tsx';
import { ScorecardsPage } from './cockpit/scorecards-page.tsx';

export const App = () => {
  const { t } = useI18n();
  const me = useMe();

  if (me.isPending) {
    return <Spin fullscreen tip={t('common.loading')} />;
  }
  if (me.isError) {
    const text = me.error instanceof ApiError ? me.error.message : t('common.networkError');
    return (
      <Result
        status="warning"
        title={text}
        extra={
          <Button type="primary" onClick={() => void me.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (!me.data) return <SignInPage />;

  return (
    <Routes>
      <Route element={<AdminLayout />}>
        <Route index element={<MorningPage />} />
        <Route path="scorecards" element={<ScorecardsPage />} />
        <Route path="customers" element={<CustomersPage />} />
        <Route path="customers/:id" element={<Customer360Page />} />
        <Route path="segments" element={<SegmentsPage />} />
        <Route path="care-rules" element={<CareRulesPage />} />
        <Route path="care-dry-run" element={<CareDryRunPage />} />
        <Route path="complaints" element={<CasesPage />} />
        <Route path="complaints/:id" element={<CasePage />} />
        <Route path="surveys" element={<SurveysPage />} />
        <Route path="surveys/:id" element={<QuestionnairePage />} />
        <Route path="indices" element={<IndicesPage />} />
        <Route path="kpis" element={<KpisPage />} />
        <Route path="reports" element={<ReportsPage />} />
        <Route path="vehicle-bindings" element={<BindingsPage />} />
        <Route path="imports" element={<ImportsPage />} />
        <Route path="imports/:id" element={<ImportJobPage />} />
        <Route path="booking-setup" element={<BookingSetupPage />} />
        <Route path="service-types" element={<ServiceTypesPage />} />
        <Route path="service-intervals" element={<IntervalsPage />} />
        <Route path="booking-calendar" element={<BookingCalendarPage />} />
        <Route path="service-stats" element={<ServiceStatsPage />} />
        <Route path="stores" element={<StoresPage />} />
        <Route path="staff" element={<StaffPage />} />
        <Route path="branding" element={<BrandingPage />} />
        <Route path="work-calendar" element={<CalendarPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="webhooks" element={<WebhooksPage />} />
        <Route path="telematics" element={<TelematicsPage />} />
        <Route path="loyalty" element={<LoyaltyPage />} />
        <Route path="content" element={<ContentPage />} />
        <Route path="services" element={<ServicesPage />} />
        <Route path="chat-stats" element={<ChatStatsPage />} />
        <Route path="campaigns" element={<CampaignsPage />} />
        <Route path="campaigns/:id" element={<CampaignPage />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
};
