// The search page.
import { defineMessages } from './define';

export const search = defineMessages({
  en: {
    'search.title': 'Search',
    'search.label': 'Search claims, quotes, disputes and sources',
    'search.button': 'Search',
    'search.hint': 'Words, "a phrase", OR, NOT, and word* for a prefix. Accents and capitals do not matter.',
    'search.results': 'Results for “{q}”',
    'search.none': 'Nothing found for “{q}”.',
    'search.count': '{n, plural, one {One result.} other {# results, most relevant first.}}',
    'search.countCapped': 'More than {n, number} results, newest first. Add a word to narrow the search.',
    'search.badPage': 'must be a page number from 1 to {last}',
    'search.pastEnd': 'There are no more results for this search.',
    'search.kind.claim': 'Claim',
    'search.kind.dispute': 'Dispute',
    'search.kind.source': 'Source',
    'search.problem': 'This search could not be run',
    'search.problem.empty': 'Type a word to search for.',
    'search.problem.unclosedQuote': 'A quotation mark is not closed: put phrases between two " marks.',
    'search.problem.operator': '“{operator}” needs a word on both sides.',
    'search.problem.punctuation': 'Type a word to search for: punctuation alone finds nothing.',
    'search.problem.tooManyTerms': 'This search has {count, number} words; use at most {max, number}. Leave out the words that tell least.',
    'search.problem.tooManyPrefixes':
      'Use at most {max, number} words ending in *: each one also searches every word that starts the same way. Write the other words out in full.',
    'search.problem.shortPrefix': '“{word}*” is too short to search by its start: type at least {min, number} letters before the *.',
  },
  nl: {
    'search.title': 'Zoeken',
    'search.label': 'Zoek in beweringen, citaten, geschillen en bronnen',
    'search.button': 'Zoeken',
    'search.hint': 'Woorden, "een zinsdeel", OR, NOT, en woord* voor een begin. Accenten en hoofdletters maken niet uit.',
    'search.results': 'Resultaten voor ‘{q}’',
    'search.none': 'Niets gevonden voor ‘{q}’.',
    'search.count': '{n, plural, one {Eén resultaat.} other {# resultaten, meest relevante eerst.}}',
    'search.countCapped': 'Meer dan {n, number} resultaten, nieuwste eerst. Voeg een woord toe om de zoekopdracht te verfijnen.',
    'search.badPage': 'moet een paginanummer van 1 tot en met {last} zijn',
    'search.pastEnd': 'Er zijn geen resultaten meer voor deze zoekopdracht.',
    'search.kind.claim': 'Bewering',
    'search.kind.dispute': 'Geschil',
    'search.kind.source': 'Bron',
    'search.problem': 'Deze zoekopdracht kon niet worden uitgevoerd',
    'search.problem.empty': 'Typ een woord om naar te zoeken.',
    'search.problem.unclosedQuote': 'Een aanhalingsteken is niet gesloten: zet een zinsdeel tussen twee "-tekens.',
    'search.problem.operator': '‘{operator}’ heeft aan beide kanten een woord nodig.',
    'search.problem.punctuation': 'Typ een woord om naar te zoeken: alleen leestekens vinden niets.',
    'search.problem.tooManyTerms':
      'Deze zoekopdracht heeft {count, number} woorden; gebruik er hooguit {max, number}. Laat de woorden weg die het minst zeggen.',
    'search.problem.tooManyPrefixes':
      'Gebruik hooguit {max, number} woorden met een * erachter: elk daarvan zoekt ook alle woorden die zo beginnen. Schrijf de andere woorden helemaal uit.',
    'search.problem.shortPrefix': '‘{word}*’ is te kort om op het begin te zoeken: typ minstens {min, number} letters vóór de *.',
  },
});
