// Error pages and the reasons a request is refused.
import { defineMessages } from './define';

export const errors = defineMessages({
  en: {
    'error.notFound': 'Page not found',
    'error.notFound.body': 'There is nothing at this address.',
    'error.server': 'Something went wrong',
    'error.server.body': 'The request could not be completed. Please try again.',
    'error.badRequest': 'Bad request',
    'error.conflict': 'Not possible',
    'error.back': 'Go back to the home page',
    'error.badParam': 'The parameter “{name}” is not valid',
    'error.pastLastPage': 'There is no page {page}: this list has {pages} page(s).',
    'error.badBack': 'The return address must be a page on this site.',
    'error.badLocale': 'This language is not available.',
  },
  nl: {
    'error.notFound': 'Pagina niet gevonden',
    'error.notFound.body': 'Op dit adres staat niets.',
    'error.server': 'Er ging iets mis',
    'error.server.body': 'Het verzoek kon niet worden afgerond. Probeer het opnieuw.',
    'error.badRequest': 'Ongeldig verzoek',
    'error.conflict': 'Niet mogelijk',
    'error.back': 'Terug naar de voorpagina',
    'error.badParam': 'De parameter ‘{name}’ is niet geldig',
    'error.pastLastPage': 'Er is geen pagina {page}: deze lijst heeft {pages} pagina(’s).',
    'error.badBack': 'Het terugadres moet een pagina op deze site zijn.',
    'error.badLocale': 'Deze taal is niet beschikbaar.',
  },
});
