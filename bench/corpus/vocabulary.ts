import type { Random } from './random';

// Word pools for the synthetic corpus: Dutch and English, with the accents real newsroom text has
// (Oekraïne, Poetin, financiën, Zürich, Gdańsk), so search and slugs are exercised as in production.

/** In about one claim in ten: the "common word" the search benchmark looks for. */
export const COMMON_WORD = 'wapensteun';
/** In about one claim in twenty thousand: the "rare word" (searched without its accent). */
export const RARE_WORD = 'Gdańsk';
export const RARE_WORD_QUERY = 'gdansk';

const FIRST_NAMES = [
  'Anna',
  'Sigrid',
  'Mark',
  'Dilan',
  'Frans',
  'Jesse',
  'Geert',
  'Hugo',
  'Wopke',
  'Kajsa',
  'José',
  'Zoë',
  'Ruud',
  'Inès',
  'Sébastien',
  'Jürgen',
  'Agnieszka',
  'Björn',
  'Noël',
  'Chloé',
  'Mehmet',
  'Fatima',
  'Olena',
  'Volodymyr',
  'Dmitri',
  'Ursula',
  'Emmanuel',
  'Pedro',
  'Małgorzata',
  'Søren',
  'Íñigo',
  'Anaïs',
];
const LAST_NAMES = [
  'de Vries',
  'Jansen',
  'Bakker',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'Kaag',
  'Hoekstra',
  'Müller',
  'Schäfer',
  'Nowak',
  'Kowalczyk',
  'Dubois',
  'Lefèvre',
  'García',
  'Núñez',
  'Østergaard',
  'Šimić',
  'Yılmaz',
  'Kovalenko',
  'Petrenko',
  'Ivanov',
  'von der Leyen',
  'Sánchez',
  'Çelik',
  'Brontë',
];
const ORGANISATIONS = [
  'Het Kremlin',
  'Het Witte Huis',
  'De NAVO',
  'Het ministerie van Financiën',
  'De Europese Commissie',
  'Het CBS',
  'De Nederlandsche Bank',
  'Greenpeace',
  'Het RIVM',
  'Oxfam Novib',
  'De Raad van State',
  'The Pentagon',
  'The IMF',
  'The World Bank',
  'Downing Street',
  'The Élysée',
  'The Bundestag',
];
export const CLAIMANT_KINDS = ['person', 'organisation', 'government', 'media', 'other'] as const;

const TOPICS = [
  'Oekraïne',
  'Rusland',
  'Economie',
  'Financiën',
  'Migratie',
  'Klimaat',
  'Energie',
  'Zorg',
  'Onderwijs',
  'Wonen',
  'Defensie',
  'Landbouw',
  'Stikstof',
  'Belastingen',
  'Verkiezingen',
  'Europa',
  'Handel',
  'Pensioenen',
  'Criminaliteit',
  'Media',
  'Technologie',
  'Gezondheid',
  'Vaccins',
  'Inflatie',
  'Arbeid',
  'Cultuur',
  'Sport',
  'Verkeer',
  'Water',
  'Privacy',
];
const TOPIC_QUALIFIERS = ['', ' en Europa', ' in Nederland', ' in België', ' wereldwijd', ' na 2020', ' (internationaal)'];

const OUTLET_WORDS = [
  'Dagblad',
  'Courant',
  'Nieuws',
  'Post',
  'Herald',
  'Tribune',
  'Omroep',
  'Radio',
  'Journal',
  'Times',
  'Gazet',
  'Observer',
];
const OUTLET_PLACES = [
  'Amsterdam',
  'Rotterdam',
  'Utrecht',
  'Brussel',
  'Antwerpen',
  'Gent',
  'Zürich',
  'München',
  'Kraków',
  'Malmö',
  'London',
  'Zwolle',
  'Groningen',
  'Eindhoven',
  'Leuven',
  'Köln',
  'Liège',
  'Tromsø',
  'Ålesund',
  'Delft',
];

const NL_SUBJECTS = [
  'De regering',
  'Het kabinet',
  'De oppositie',
  'Moskou',
  'Kyiv',
  'Washington',
  'Brussel',
  'De minister',
  'De premier',
  'Het parlement',
];
const NL_VERBS = [
  'heeft beloofd',
  'weigert',
  'overweegt',
  'heeft verzwegen',
  'blokkeert',
  'steunt',
  'verdubbelt',
  'schrapt',
  'onderzoekt',
  'financiert',
];
const NL_OBJECTS = [
  'de militaire steun aan Oekraïne',
  'de financiën van de gemeenten',
  'een staakt-het-vuren van dertig dagen',
  'de ideeën over coördinatie',
  'de energieprijzen',
  'het pensioenakkoord',
  'de belastingverlaging',
  'één miljard euro voor defensie',
  'de stikstofregels',
  'de reële koopkracht',
  'de ruïnes van Marioepol',
  'de sancties tegen Rusland',
  'de asielinstroom',
];
const NL_TIMES = [
  'vóór de zomer',
  'in 2025',
  'na het telefoongesprek',
  'binnen dertig dagen',
  'sinds de verkiezingen',
  'volgend jaar',
  'deze week',
];

const EN_SUBJECTS = [
  'The government',
  'The cabinet',
  'The opposition',
  'Moscow',
  'Kyiv',
  'Washington',
  'Brussels',
  'The minister',
  'The prime minister',
  'Parliament',
];
const EN_VERBS = [
  'promised',
  'refused',
  'is considering',
  'concealed',
  'is blocking',
  'supports',
  'doubled',
  'cut',
  'is investigating',
  'funds',
];
const EN_OBJECTS = [
  'military aid to Ukraine',
  'the municipal finances',
  'a thirty-day ceasefire',
  'the naïve coordination plans',
  'energy prices',
  'the pension deal',
  'the tax cut',
  'one billion euros for defence',
  'the nitrogen rules',
  'real purchasing power',
  'the sanctions on Russia',
  'asylum arrivals',
  'the café terrace rules in Zürich',
];
const EN_TIMES = [
  'before the summer',
  'in 2025',
  'after the phone call',
  'within thirty days',
  'since the election',
  'next year',
  'this week',
];

const WHERE = [
  'interview',
  'persconferentie',
  'press conference',
  'X (Twitter)',
  'Kamerdebat',
  'parliamentary debate',
  'Fox News',
  'NOS Journaal',
  'speech',
  'podcast',
  'op een partijcongres',
];

export function personName(r: Random): string {
  return `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`;
}

export function organisationName(r: Random, n: number): string {
  return n < ORGANISATIONS.length ? ORGANISATIONS[n]! : `${r.pick(ORGANISATIONS)} (${r.pick(OUTLET_PLACES)})`;
}

export function topicNames(count: number): string[] {
  const names: string[] = [];
  for (let i = 0; names.length < count; i++) {
    const base = TOPICS[i % TOPICS.length]!;
    const qualifier = TOPIC_QUALIFIERS[Math.floor(i / TOPICS.length) % TOPIC_QUALIFIERS.length]!;
    const round = Math.floor(i / (TOPICS.length * TOPIC_QUALIFIERS.length));
    names.push(`${base}${qualifier}${round ? ` ${round + 1}` : ''}`);
  }
  return names;
}

export function outletNames(count: number): string[] {
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const word = OUTLET_WORDS[i % OUTLET_WORDS.length]!;
    const place = OUTLET_PLACES[Math.floor(i / OUTLET_WORDS.length) % OUTLET_PLACES.length]!;
    const round = Math.floor(i / (OUTLET_WORDS.length * OUTLET_PLACES.length));
    names.push(`${place}s ${word}${round ? ` ${round + 1}` : ''}`);
  }
  return names;
}

/** A claim as a reporter would summarise it, in Dutch or English; `extra` words are woven in. */
export function claimText(r: Random, dutch: boolean, extra: string[]): string {
  const tail = extra.length ? (dutch ? ` (over ${extra.join(' en ')})` : ` (on ${extra.join(' and ')})`) : '';
  return dutch
    ? `${r.pick(NL_SUBJECTS)} ${r.pick(NL_VERBS)} ${r.pick(NL_OBJECTS)} ${r.pick(NL_TIMES)}${tail}.`
    : `${r.pick(EN_SUBJECTS)} ${r.pick(EN_VERBS)} ${r.pick(EN_OBJECTS)} ${r.pick(EN_TIMES)}${tail}.`;
}

/** A verbatim quote in the claim's language, with the commas and quotation marks CSV must escape. */
export function quoteText(r: Random, dutch: boolean): string {
  return dutch
    ? `"Wij hebben ${r.pick(NL_OBJECTS)} ${r.pick(NL_TIMES)} besproken, maar ${r.pick(NL_OBJECTS)} niet," zei de woordvoerder.`
    : `"We discussed ${r.pick(EN_OBJECTS)} ${r.pick(EN_TIMES)}, but not ${r.pick(EN_OBJECTS)}," the spokesperson said.`;
}

export function reportTitle(r: Random, dutch: boolean): string {
  return dutch
    ? `${r.pick(NL_SUBJECTS)} en ${r.pick(NL_OBJECTS)}: wat er ${r.pick(NL_TIMES)} werd gezegd`
    : `${r.pick(EN_SUBJECTS)} and ${r.pick(EN_OBJECTS)}: what was said ${r.pick(EN_TIMES)}`;
}

export function whereSaid(r: Random): string {
  return r.pick(WHERE);
}

export function rationale(r: Random, dutch: boolean): string {
  return dutch
    ? `Het verslag van ${r.pick(NL_SUBJECTS).toLowerCase()} en de cijfers over ${r.pick(NL_OBJECTS)} spreken elkaar tegen.`
    : `The readout from ${r.pick(EN_SUBJECTS).toLowerCase()} and the figures on ${r.pick(EN_OBJECTS)} contradict each other.`;
}

export function disputeQuestion(r: Random, dutch: boolean, extra: string[]): string {
  const tail = extra.length ? ` (${extra.join(', ')})` : '';
  return dutch
    ? `Heeft ${r.pick(NL_SUBJECTS).toLowerCase()} ${r.pick(NL_OBJECTS)} ${r.pick(NL_TIMES)} besproken?${tail}`
    : `Did ${r.pick(EN_SUBJECTS).toLowerCase()} discuss ${r.pick(EN_OBJECTS)} ${r.pick(EN_TIMES)}?${tail}`;
}
