// Repeat detection: claims that look like the one being logged, on the desk form, in the import report and the API.
import { defineMessages } from './define';

export const repeats = defineMessages({
  en: {
    'desk.similar.title': 'These look similar',
    'desk.similar.intro':
      'Claims already logged that look like this one. If it repeats one of them, link it as a repeat instead of checking it twice.',
    'desk.similar.problem':
      'This claim looks like {count, plural, one {a claim} other {# claims}} already logged: link it as a repeat, or save it anyway.',
    'desk.similar.problemLink': 'See the similar claims',
    'desk.similar.linkAsRepeat': 'Link as repeat',
    'desk.similar.linkAsRepeat.hidden': 'of claim {id}',
    'desk.similar.saveAnyway': 'Save anyway',
    'desk.similar.inDispute': 'In dispute:',
    'desk.similar.noDispute': 'Not in a dispute',
    'desk.similar.verdict': 'Verdict:',
    'desk.similar.found': '{count, plural, =0 {No similar claims} one {One similar claim} other {# similar claims}}',
    'desk.import.similar': 'Possible repeats: these claims look like claims already logged. Link them as repeats on their pages.',
    'desk.import.similarClaim': 'Claim in the file',
    'desk.import.similarTo': 'Looks like',
    'similar.invalid.text': 'Give the text of a claim (at most 4000 characters).',
    'similar.invalid.limit': 'must be a whole number from 1 to 20',
  },
  nl: {
    'desk.similar.title': 'Deze lijken erop',
    'desk.similar.intro':
      'Beweringen die al zijn vastgelegd en op deze lijken. Herhaalt deze er een, koppel hem dan als herhaling in plaats van hem twee keer te checken.',
    'desk.similar.problem':
      'Deze bewering lijkt op {count, plural, one {een bewering} other {# beweringen}} die al zijn vastgelegd: koppel hem als herhaling, of sla hem toch op.',
    'desk.similar.problemLink': 'Bekijk de beweringen die erop lijken',
    'desk.similar.linkAsRepeat': 'Koppel als herhaling',
    'desk.similar.linkAsRepeat.hidden': 'van bewering {id}',
    'desk.similar.saveAnyway': 'Toch opslaan',
    'desk.similar.inDispute': 'In geschil:',
    'desk.similar.noDispute': 'Niet in een geschil',
    'desk.similar.verdict': 'Oordeel:',
    'desk.similar.found':
      '{count, plural, =0 {Geen beweringen die erop lijken} one {Eén bewering die erop lijkt} other {# beweringen die erop lijken}}',
    'desk.import.similar':
      'Mogelijke herhalingen: deze beweringen lijken op beweringen die al zijn vastgelegd. Koppel ze als herhaling op hun eigen pagina.',
    'desk.import.similarClaim': 'Bewering in het bestand',
    'desk.import.similarTo': 'Lijkt op',
    'similar.invalid.text': 'Geef de tekst van een bewering (hoogstens 4000 tekens).',
    'similar.invalid.limit': 'moet een geheel getal van 1 tot en met 20 zijn',
  },
});
