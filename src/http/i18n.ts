// Every interface string, in every language, in one place. Content stays in the language it was written in.

export const LOCALES = ['en', 'nl'] as const;
export type Locale = (typeof LOCALES)[number];

const en = {
  'site.name': 'Gainsay',
  'site.tagline': 'Claims and counterclaims, side by side, with every source.',
  'nav.disputes': 'Disputes',
  'nav.desk': 'Desk',
  'nav.skip': 'Skip to content',
  'home.title': 'Disputes',
  'home.empty': 'No disputes have been published yet.',
  'dispute.sideA': 'One side',
  'dispute.sideB': 'The other side',
  'dispute.supportedBy': 'Supported by',
  'dispute.timeline': 'Timeline of the exchange',
  'dispute.status.open': 'Open',
  'dispute.status.settled': 'Settled',
  'claim.quote': 'Original quote',
  'claim.said': 'Said',
  'claim.where': 'Where',
  'claim.verdict': 'Verdict',
  'claim.rationale': 'Why',
  'claim.sources': 'Sources',
  'claim.undated': 'date unknown',
  'claim.promise': 'Promise',
  'claim.prediction': 'Prediction',
  'claim.reviewDue': 'To be checked on',
  'citation.archive': 'archived copy',
  'citation.noUrl': 'no link: broadcast or print',
  'role.made_in': 'made in',
  'role.reported_by': 'reported by',
  'role.evidence_for': 'evidence for',
  'role.evidence_against': 'evidence against',
  'state.draft': 'Draft',
  'state.published': 'Published',
  'state.retracted': 'Retracted',
  'retracted.notice': 'This record has been retracted. It is kept here so that links to it keep working.',
  'error.notFound': 'Page not found',
  'error.notFound.body': 'There is nothing at this address.',
  'error.server': 'Something went wrong',
  'error.server.body': 'The request could not be completed. Please try again.',
  'error.badRequest': 'Bad request',
  'error.conflict': 'Not possible',
  'error.back': 'Go back to the home page',
} as const;

export type MessageKey = keyof typeof en;

const nl: Record<MessageKey, string> = {
  'site.name': 'Gainsay',
  'site.tagline': 'Beweringen en tegenbeweringen naast elkaar, met elke bron.',
  'nav.disputes': 'Geschillen',
  'nav.desk': 'Redactie',
  'nav.skip': 'Naar de inhoud',
  'home.title': 'Geschillen',
  'home.empty': 'Er zijn nog geen geschillen gepubliceerd.',
  'dispute.sideA': 'De ene kant',
  'dispute.sideB': 'De andere kant',
  'dispute.supportedBy': 'Gesteund door',
  'dispute.timeline': 'Tijdlijn van de uitwisseling',
  'dispute.status.open': 'Open',
  'dispute.status.settled': 'Beslecht',
  'claim.quote': 'Oorspronkelijk citaat',
  'claim.said': 'Gezegd',
  'claim.where': 'Waar',
  'claim.verdict': 'Oordeel',
  'claim.rationale': 'Waarom',
  'claim.sources': 'Bronnen',
  'claim.undated': 'datum onbekend',
  'claim.promise': 'Belofte',
  'claim.prediction': 'Voorspelling',
  'claim.reviewDue': 'Te controleren op',
  'citation.archive': 'gearchiveerde kopie',
  'citation.noUrl': 'geen link: uitzending of druk',
  'role.made_in': 'gedaan in',
  'role.reported_by': 'gemeld door',
  'role.evidence_for': 'bewijs voor',
  'role.evidence_against': 'bewijs tegen',
  'state.draft': 'Concept',
  'state.published': 'Gepubliceerd',
  'state.retracted': 'Ingetrokken',
  'retracted.notice': 'Dit item is ingetrokken. Het blijft hier staan zodat links ernaar blijven werken.',
  'error.notFound': 'Pagina niet gevonden',
  'error.notFound.body': 'Op dit adres staat niets.',
  'error.server': 'Er ging iets mis',
  'error.server.body': 'Het verzoek kon niet worden afgerond. Probeer het opnieuw.',
  'error.badRequest': 'Ongeldig verzoek',
  'error.conflict': 'Niet mogelijk',
  'error.back': 'Terug naar de voorpagina',
};

export const messages: Record<Locale, Record<MessageKey, string>> = { en, nl };

/** The string for `key` in `locale`; unknown keys fall back to English, then to the key itself. */
export function translate(locale: string, key: string): string {
  const table = messages[(LOCALES as readonly string[]).includes(locale) ? (locale as Locale) : 'en'];
  return (table as Record<string, string>)[key] ?? (en as Record<string, string>)[key] ?? key;
}
