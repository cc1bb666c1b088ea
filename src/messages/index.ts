// Every interface string, per feature, in every language; src/http/i18n.ts formats them (ICU MessageFormat).
// Content stays in the language it was written in. This folder imports nothing from the rest of src.
import { accounts } from './accounts';
import { api } from './api';
import { claimants } from './claimants';
import { claims } from './claims';
import { desk } from './desk';
import { disputes } from './disputes';
import { editorial } from './editorial';
import { errors } from './errors';
import { history } from './history';
import { imports } from './imports';
import { inbox } from './inbox';
import { lists } from './lists';
import { promises } from './promises';
import { openData } from './open-data';
import { search } from './search';
import { site } from './site';
import { sources } from './sources';
import { syndication } from './syndication';
import { topics } from './topics';
import { validation } from './validation';
import { repeats } from './repeats';
import { verdicts } from './verdicts';

export const LOCALES = ['en', 'nl'] as const;
export type Locale = (typeof LOCALES)[number];

/** The strings per feature, e.g. to check that no key is kept in two features. */
export const features = {
  site,
  errors,
  lists,
  claims,
  disputes,
  claimants,
  sources,
  topics,
  verdicts,
  search,
  accounts,
  editorial,
  imports,
  desk,
  api,
  history,
  syndication,
  validation,
  repeats,
  inbox,
  promises,
  openData,
};

const en = {
  ...site.en,
  ...errors.en,
  ...lists.en,
  ...claims.en,
  ...disputes.en,
  ...claimants.en,
  ...sources.en,
  ...topics.en,
  ...verdicts.en,
  ...search.en,
  ...accounts.en,
  ...editorial.en,
  ...imports.en,
  ...desk.en,
  ...api.en,
  ...history.en,
  ...syndication.en,
  ...validation.en,
  ...repeats.en,
  ...inbox.en,
  ...promises.en,
  ...openData.en,
};

/** The English texts as literal types: src/http/i18n.ts reads a key's plural and number arguments from them. */
export type EnglishMessages = typeof en;
export type MessageKey = keyof EnglishMessages;

const nl: Record<MessageKey, string> = {
  ...site.nl,
  ...errors.nl,
  ...lists.nl,
  ...claims.nl,
  ...disputes.nl,
  ...claimants.nl,
  ...sources.nl,
  ...topics.nl,
  ...verdicts.nl,
  ...search.nl,
  ...accounts.nl,
  ...editorial.nl,
  ...imports.nl,
  ...desk.nl,
  ...api.nl,
  ...history.nl,
  ...syndication.nl,
  ...validation.nl,
  ...repeats.nl,
  ...inbox.nl,
  ...promises.nl,
  ...openData.nl,
};

export const messages: Record<Locale, Record<MessageKey, string>> = { en, nl };
