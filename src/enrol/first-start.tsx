/**
 * The screens of a tablet without a shop: first start offers the server (primary) above the local
 * setup wizard; after enrolling with a server that has no shop yet, the wizard sets it up and the
 * result goes to the server (PUT /api/v1/shop); a server without staff asks for the first person.
 */
import type { ShopConfig } from '../../shared/shop';
import type { EnrolmentResult } from '../data/enrolment';
import { getDevice } from '../data/device-registration';
import { useI18n } from '../i18n';
import { SetupWizard } from '../setup/setup-wizard';
import { publishShop } from '../sync/sync-records';
import { EnrolForm } from './enrol-form';
import './enrol.css';

export { FirstStaff } from './first-staff';

export function FirstStart(props: { enrolCode?: string; onEnrolled: (result: EnrolmentResult) => void; onLocalSetup: (shop: ShopConfig) => void }) {
  const { t } = useI18n();
  const lead = (
    <>
      <section class="card enrol-card" aria-labelledby="enrol-title">
        <h2 id="enrol-title">{t('enrol.title')}</h2>
        <p class="hint">{t('enrol.intro')}</p>
        <EnrolForm idPrefix="enrol" initialCode={props.enrolCode} onEnrolled={props.onEnrolled} />
      </section>
      <h2 class="enrol-or">{t('enrol.or')}</h2>
    </>
  );
  return <SetupWizard onDone={props.onLocalSetup} lead={lead} />;
}

/** Enrolled, but the server has no shop: this tablet's setup becomes the server's. */
export function ServerSetup(props: { onDone: (shop: ShopConfig) => void }) {
  const { t } = useI18n();
  return (
    <SetupWizard
      lead={<p class="banner">{t('enrol.serverSetup')}</p>}
      onDone={(shop) => {
        // Not awaited: if the server cannot be reached now, the next sync sends the shop.
        void publishLocalShop(shop);
        props.onDone(shop);
      }}
    />
  );
}

async function publishLocalShop(shop: ShopConfig): Promise<void> {
  const device = await getDevice();
  if (!device) return;
  const error = await publishShop({ token: device.token, shop });
  if (error) console.warn('countersign: the shop was not sent to the server yet; the next sync tries again.', error);
}
