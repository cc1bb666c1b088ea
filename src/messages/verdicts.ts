// Verdicts of the default scale and the methodology page.
import { defineMessages } from './define';

export const verdicts = defineMessages({
  en: {
    'methodology.title': 'Methodology',
    'methodology.intro':
      'Every claim we check gets a verdict from the scale below, always with a written rationale and the sources it rests on. The verdict is separate from the editorial state: a claim can be published while it is still unverified.',
    'methodology.scale': 'The verdict scale',
    'methodology.choosing': 'How claims are chosen',
    'methodology.choosing.body':
      'We log statements that matter to the public debate and that someone else contradicts: what each side said, where and when, and who reported it. We record the claim in our own words and keep the original quote in its own language.',
    'methodology.sources': 'How we use sources',
    'methodology.sources.body':
      'Every claim links to where it was made and who reported it, with an archived copy where one exists. Sources without a link (a broadcast, a print edition, a poll or tracker that is not online) are named, never given an invented address.',
    'methodology.corrections': 'Corrections',
    'methodology.corrections.body':
      'When we get something wrong we correct it on the page and say so. A verdict that changes keeps a written rationale. A retracted record stays online with a notice, so that links to it keep working.',
    'verdict.unverified': 'Unverified',
    'verdict.unverified.description': 'Not yet checked, or the evidence available does not settle it yet.',
    'verdict.true': 'True',
    'verdict.true.description': 'Accurate, with nothing significant missing.',
    'verdict.mostly-true': 'Mostly true',
    'verdict.mostly-true.description': 'Accurate, but needs clarification or additional information.',
    'verdict.mixed': 'Mixed',
    'verdict.mixed.description': 'Partly accurate and partly inaccurate.',
    'verdict.misleading': 'Misleading',
    'verdict.misleading.description': 'Contains accurate elements but leaves a false impression.',
    'verdict.mostly-false': 'Mostly false',
    'verdict.mostly-false.description': 'Contains an element of truth but ignores facts that change the picture.',
    'verdict.false': 'False',
    'verdict.false.description': 'Not accurate.',
    'verdict.unprovable': 'Unprovable',
    'verdict.unprovable.description': 'Cannot be proven true or false with the evidence that exists.',
    'verdict.opinion': 'Opinion',
    'verdict.opinion.description': 'A view or a judgement rather than a checkable statement of fact.',
    'methodology.scale.reading':
      'The scale runs from True to False. Mostly true and Mostly false lean one way but not all the way; Mixed is partly right and partly wrong; Misleading is for a claim whose facts may check out but which leaves you with a wrong picture. Unprovable and Opinion are not points on that line: the first means nobody can settle it with the evidence there is, the second that it was a view, not a statement of fact.',
    'methodology.scale.unverified':
      'A claim marked Unverified has not been rated yet: we publish what was said before we have finished checking it, and add the verdict with our reasons when we have.',
    'methodology.scale.machines':
      'Search engines and fact-check services read our verdicts in the ClaimReview format; what we publish as data, and under which licence, is on the open data page:',
  },
  nl: {
    'methodology.title': 'Werkwijze',
    'methodology.intro':
      'Elke bewering die we controleren krijgt een oordeel op de schaal hieronder, altijd met een geschreven onderbouwing en de bronnen waarop het rust. Het oordeel staat los van de redactionele status: een bewering kan gepubliceerd zijn terwijl ze nog niet is gecontroleerd.',
    'methodology.scale': 'De beoordelingsschaal',
    'methodology.choosing': 'Hoe we beweringen kiezen',
    'methodology.choosing.body':
      'We leggen uitspraken vast die ertoe doen in het publieke debat en die door een ander worden tegengesproken: wat elke kant zei, waar en wanneer, en wie het meldde. We geven de bewering in onze eigen woorden weer en bewaren het oorspronkelijke citaat in de eigen taal.',
    'methodology.sources': 'Hoe we bronnen gebruiken',
    'methodology.sources.body':
      'Elke bewering verwijst naar waar ze werd gedaan en wie haar meldde, met een gearchiveerde kopie waar die bestaat. Bronnen zonder link (een uitzending, een krant op papier, een peiling of tracker die niet online staat) worden genoemd, nooit van een verzonnen adres voorzien.',
    'methodology.corrections': 'Correcties',
    'methodology.corrections.body':
      'Als we iets fout hebben, verbeteren we het op de pagina en zeggen we dat. Een oordeel dat verandert houdt een geschreven onderbouwing. Een ingetrokken item blijft online met een melding, zodat links ernaar blijven werken.',
    'verdict.unverified': 'Niet gecontroleerd',
    'verdict.unverified.description': 'Nog niet gecontroleerd, of het beschikbare bewijs beslist het nog niet.',
    'verdict.true': 'Waar',
    'verdict.true.description': 'Juist, zonder dat er iets wezenlijks ontbreekt.',
    'verdict.mostly-true': 'Grotendeels waar',
    'verdict.mostly-true.description': 'Juist, maar vraagt om verduidelijking of aanvullende informatie.',
    'verdict.mixed': 'Deels waar',
    'verdict.mixed.description': 'Deels juist en deels onjuist.',
    'verdict.misleading': 'Misleidend',
    'verdict.misleading.description': 'Bevat juiste elementen maar wekt een onjuiste indruk.',
    'verdict.mostly-false': 'Grotendeels onwaar',
    'verdict.mostly-false.description': 'Bevat een kern van waarheid maar negeert feiten die het beeld veranderen.',
    'verdict.false': 'Onwaar',
    'verdict.false.description': 'Niet juist.',
    'verdict.unprovable': 'Onbewijsbaar',
    'verdict.unprovable.description': 'Kan met het bestaande bewijs niet als waar of onwaar worden aangetoond.',
    'verdict.opinion': 'Mening',
    'verdict.opinion.description': 'Een opvatting of oordeel, geen controleerbare bewering over feiten.',
    'methodology.scale.reading':
      'De schaal loopt van Waar tot Onwaar. Grotendeels waar en Grotendeels onwaar neigen naar een kant, maar niet helemaal; Deels waar is deels juist en deels onjuist; Misleidend is voor een bewering waarvan de feiten kunnen kloppen maar die een verkeerd beeld geeft. Onbewijsbaar en Mening liggen niet op die lijn: het eerste betekent dat niemand het met het beschikbare bewijs kan beslissen, het tweede dat het een opvatting was en geen bewering over feiten.',
    'methodology.scale.unverified':
      'Een bewering met Niet gecontroleerd is nog niet beoordeeld: we publiceren wat er gezegd is voordat we klaar zijn met controleren, en voegen het oordeel met onze redenen toe zodra we dat zijn.',
    'methodology.scale.machines':
      'Zoekmachines en factcheckdiensten lezen onze oordelen in het ClaimReview-formaat; wat we als data publiceren, en onder welke licentie, staat op de pagina over open data:',
  },
});
