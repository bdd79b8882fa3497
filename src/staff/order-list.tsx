/** Open orders waiting for a signature, each one a tap away from the customer. */
import type { OrderRow } from '../data/orders';
import { formatDate, formatMoney, useI18n } from '../i18n';

export function OrderList(props: { orders: OrderRow[] | null; onHandOver: (orderId: string) => void }) {
  const { t, language } = useI18n();
  if (props.orders === null) return <p aria-busy="true">{t('common.loading')}</p>;
  if (props.orders.length === 0) return <p class="empty">{t('staff.orders.none')}</p>;
  return (
    <ul class="row-list">
      {props.orders.map(({ id, pending }) => {
        const titleId = `order-${id}-title`;
        return (
          <li key={id} class="card row">
            <div class="row-main">
              <h3 id={titleId} class="row-title">
                {pending.order.number} · {pending.customer.name}
              </h3>
              <p class="row-detail">
                {t('staff.orders.summary', { count: pending.order.items.length, total: formatMoney(language, pending.order.totalCents) })}
                {' · '}
                {t('staff.orders.pickup', { date: formatDate(language, pending.order.pickupDate) })}
              </p>
            </div>
            <button type="button" class="primary" aria-describedby={titleId} onClick={() => props.onHandOver(id)}>
              {t('staff.orders.handOver')}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
