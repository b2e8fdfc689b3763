import type { PartnerOffer } from '@common-ground/shared/api';

/** Simple line icons; decorative, the chip's text says what is offered. */
const PATHS: Record<PartnerOffer, string> = {
  rooms: 'M3 11 L12 3 L21 11 M5 9.5 V21 H19 V9.5 M10 21 V14 H14 V21',
  staff_hours: 'M12 3 A9 9 0 1 0 12.01 3 Z M12 7 V12 L15.5 14',
  money: 'M12 3 A9 9 0 1 0 12.01 3 Z M15 8.5 A4 4 0 1 0 15 15.5 M7 11 H13 M7 13.5 H13',
  contacts:
    'M9 11 A3.5 3.5 0 1 0 9.01 11 Z M2.5 20 C3 15.5 15 15.5 15.5 20 M16 4.5 A3 3 0 0 1 16 10.5 M18 14 C20 14.5 21.5 16.5 21.5 20',
  know_how: 'M9 18 H15 M10 21 H14 M12 3 A6 6 0 0 0 8.5 14 V16 H15.5 V14 A6 6 0 0 0 12 3 Z',
};

export function OfferIcon({ offer }: { offer: PartnerOffer }) {
  return (
    <svg
      className="offer-icon"
      viewBox="0 0 24 24"
      width="18"
      height="18"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d={PATHS[offer]}
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
