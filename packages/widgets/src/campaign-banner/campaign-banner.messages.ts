import type { Catalog } from '@ess-widgets/core';

const en = {
  close: 'Close this campaign',
  preview: 'Preview as of {date}',
};

export const bannerMessages: Catalog<keyof typeof en> = {
  en,
  fr: { close: 'Fermer cette campagne', preview: 'Aperçu au {date}' },
  nl: { close: 'Deze campagne sluiten', preview: 'Voorbeeld op {date}' },
  de: { close: 'Diese Kampagne schließen', preview: 'Vorschau für {date}' },
};
