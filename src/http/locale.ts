import type { RequestHandler } from 'express';
import { LOCALES } from './i18n';

/** Picks the interface language: Accept-Language, else English. */
export const chooseLocale: RequestHandler = (req, res, next) => {
  const preferred = req.acceptsLanguages(...LOCALES);
  res.locals.locale = typeof preferred === 'string' ? preferred : 'en';
  next();
};
