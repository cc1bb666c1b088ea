// The Atom feed, the ClaimReview feed, the embeddable dispute card and oEmbed.
import { defineMessages } from './define';

export const syndication = defineMessages({
  en: {
    'feed.title': '{newsroom}: disputes and verdicts',
    'feed.updated': 'Updated: {title}',
    'feed.claimReviews': '{newsroom} fact checks',
    'oembed.onlyJson': 'Only format=json is supported.',
    'oembed.onlyJson.field': 'must be json',
    'oembed.notADispute': 'The url is not a dispute on this site.',
    'oembed.notADispute.field': 'must be the address of a dispute page',
    'oembed.noDispute': 'There is no dispute at that address.',
    'oembed.noDispute.field': 'no such dispute',
    'embed.updated': 'Updated {date}',
    'embed.readMore': 'Every source, on {site}',
  },
  nl: {
    'feed.title': '{newsroom}: geschillen en oordelen',
    'feed.updated': 'Bijgewerkt: {title}',
    'feed.claimReviews': 'Factchecks van {newsroom}',
    'oembed.onlyJson': 'Alleen format=json wordt ondersteund.',
    'oembed.onlyJson.field': 'moet json zijn',
    'oembed.notADispute': 'De url is geen geschil op deze site.',
    'oembed.notADispute.field': 'moet het adres van een geschilpagina zijn',
    'oembed.noDispute': 'Op dat adres staat geen geschil.',
    'oembed.noDispute.field': 'dit geschil bestaat niet',
    'embed.updated': 'Bijgewerkt {date}',
    'embed.readMore': 'Alle bronnen, op {site}',
  },
});
