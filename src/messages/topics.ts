// Topic pages.
import { defineMessages } from './define';

export const topics = defineMessages({
  en: {
    'topic.title': 'Topic: {name}',
    'topic.claims': 'Claims on this topic',
    'topic.disputes': 'Disputes on this topic',
    'topic.rule.aliasTaken': '“{alias}” already names the topic {name}: one name can point to one topic only.',
    'topic.alsoKnownAs': 'Also known as',
  },
  nl: {
    'topic.title': 'Onderwerp: {name}',
    'topic.claims': 'Beweringen over dit onderwerp',
    'topic.disputes': 'Geschillen over dit onderwerp',
    'topic.rule.aliasTaken': '‘{alias}’ is al een naam van het onderwerp {name}: een naam kan maar naar één onderwerp wijzen.',
    'topic.alsoKnownAs': 'Ook bekend als',
  },
});
