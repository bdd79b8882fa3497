/** Step 1: the order, read-only: items, prices, total, deposit and pickup date. */
import { formatDate, formatMoney, useI18n } from '../../i18n';
import { StepNav } from '../step-nav';
import type { StepProps } from '../step-props';

export function OrderSummary({ pending, next, back }: StepProps) {
  const { t, language } = useI18n();
  const { order } = pending;
  const money = (cents: number) => formatMoney(language, cents);
  return (
    <>
      <h1 tabIndex={-1}>{t('kiosk.summary.title')}</h1>
      <p class="kiosk-lead">{t('kiosk.summary.intro', { number: order.number })}</p>
      <table class="kiosk-order">
        <caption class="visually-hidden">{t('kiosk.summary.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('kiosk.summary.item')}</th>
            <th scope="col" class="num">{t('kiosk.summary.quantity')}</th>
            <th scope="col" class="num">{t('kiosk.summary.unitPrice')}</th>
            <th scope="col" class="num">{t('kiosk.summary.lineTotal')}</th>
          </tr>
        </thead>
        <tbody>
          {order.items.map((item, i) => (
            <tr key={i}>
              <td>{item.description}</td>
              <td class="num">{item.quantity}</td>
              <td class="num">{money(item.unitPriceCents)}</td>
              <td class="num">{money(item.quantity * item.unitPriceCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr class="kiosk-order-total">
            <th scope="row" colSpan={3}>{t('kiosk.summary.total')}</th>
            <td class="num">{money(order.totalCents)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={3}>{t('kiosk.summary.deposit')}</th>
            <td class="num">{money(order.depositCents)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={3}>{t('kiosk.summary.balance')}</th>
            <td class="num">{money(order.totalCents - order.depositCents)}</td>
          </tr>
        </tfoot>
      </table>
      <p class="kiosk-pickup">
        <span class="kiosk-pickup-label">{t('kiosk.summary.pickup')}</span> {formatDate(language, order.pickupDate)}
      </p>
      <StepNav onBack={back && (() => back())} onNext={() => next()} />
    </>
  );
}
