// Topic pages.
import { defineMessages } from './define';

export const topics = defineMessages({
  en: {
    'topic.title': 'Topic: {name}',
    'topic.claims': 'Claims on this topic',
    'topic.disputes': 'Disputes on this topic',
    'topic.moreDisputes': 'The {shown} most recent of {total, number} disputes: see them all.',
    'topic.rule.aliasTaken': '“{alias}” already names the topic {name}: one name can point to one topic only.',
    'topic.alsoKnownAs': 'Also known as',
    'desk.noSuch.topic': 'There is no such topic.',
    'desk.nav.topics': 'Topics',
    'desk.topics.title': 'Topics',
    'desk.topics.intro':
      'Topics are made by typing them on a claim. Give a topic its other names here, so search and the claim form find it by each.',
    'desk.topics.none': 'No topics yet.',
    'desk.topic.heading': 'Topic: {name}',
    'desk.topic.aliases': 'Also known as',
    'desk.topic.aliases.hint':
      'Other names, one per line, e.g. the Dutch name (Staakt-het-vuren for Ceasefire). A claim that names a topic by one of these gets this topic.',
    'desk.topic.save': 'Save topic',
    'desk.topic.public': 'Public page',
  },
  nl: {
    'topic.title': 'Onderwerp: {name}',
    'topic.claims': 'Beweringen over dit onderwerp',
    'topic.disputes': 'Geschillen over dit onderwerp',
    'topic.moreDisputes': 'De {shown} recentste van {total, number} geschillen: bekijk ze allemaal.',
    'topic.rule.aliasTaken': '‘{alias}’ is al een naam van het onderwerp {name}: een naam kan maar naar één onderwerp wijzen.',
    'topic.alsoKnownAs': 'Ook bekend als',
    'desk.noSuch.topic': 'Dit onderwerp bestaat niet.',
    'desk.nav.topics': 'Onderwerpen',
    'desk.topics.title': 'Onderwerpen',
    'desk.topics.intro':
      'Onderwerpen ontstaan door ze bij een bewering te typen. Geef een onderwerp hier zijn andere namen, zodat zoeken en het beweringformulier het onder elk ervan vinden.',
    'desk.topics.none': 'Nog geen onderwerpen.',
    'desk.topic.heading': 'Onderwerp: {name}',
    'desk.topic.aliases': 'Ook bekend als',
    'desk.topic.aliases.hint':
      'Andere namen, één per regel, bijvoorbeeld de Engelse naam (Ceasefire voor Staakt-het-vuren). Een bewering die een onderwerp zo noemt, krijgt dit onderwerp.',
    'desk.topic.save': 'Onderwerp opslaan',
    'desk.topic.public': 'Openbare pagina',
  },
});
