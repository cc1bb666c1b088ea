// Topic pages.
import { defineMessages } from './define';

export const topics = defineMessages({
  en: {
    'topic.title': 'Topic: {name}',
    'topic.claims': 'Claims on this topic',
    'topic.disputes': 'Disputes on this topic',
  },
  nl: {
    'topic.title': 'Onderwerp: {name}',
    'topic.claims': 'Beweringen over dit onderwerp',
    'topic.disputes': 'Geschillen over dit onderwerp',
  },
});
