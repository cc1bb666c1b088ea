// The JSON API's error texts (/api/v1). `code` values stay English: clients switch on them.
import { defineMessages } from './define';

export const api = defineMessages({
  en: {
    'api.invalid': 'Please check: {fields}.',
    'api.notFound': 'Not found.',
    'api.noRoute': 'There is no API route at this address.',
    'api.versionConflict':
      'Not saved: the record changed since the version you sent; it is now at version {version}. Merge your change into "current" and send it with that version.',
    'api.versionConflict.field': 'The current version is {version}.',
    'api.missingReferences': 'Some references do not exist.',
    'api.noSource': 'No source with id {id}.',
    'api.linksByPost': 'Add links with POST /links.',
    'api.linksByPost.field': 'A claim’s links are added with POST /links, not by an update.',
  },
  nl: {
    'api.invalid': 'Controleer: {fields}.',
    'api.notFound': 'Niet gevonden.',
    'api.noRoute': 'Op dit adres staat geen API-route.',
    'api.versionConflict':
      'Niet opgeslagen: het item is gewijzigd sinds de versie die je stuurde; het staat nu op versie {version}. Verwerk je wijziging in "current" en stuur die met deze versie.',
    'api.versionConflict.field': 'De huidige versie is {version}.',
    'api.missingReferences': 'Sommige verwijzingen bestaan niet.',
    'api.noSource': 'Er is geen bron met id {id}.',
    'api.linksByPost': 'Voeg koppelingen toe met POST /links.',
    'api.linksByPost.field': 'De koppelingen van een bewering voeg je toe met POST /links, niet met een update.',
  },
});
