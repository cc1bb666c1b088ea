import type { Migration } from 'kysely';
import * as createClaimGraph from './2026_11_26_19_00_00_create_claim_graph';
import * as createSearchIndex from './2026_11_26_19_30_00_create_search_index';
import * as addClaimReviewUrl from './2026_11_26_20_00_00_add_claim_review_url';
import * as createAccounts from './2026_11_27_09_00_00_create_accounts';
import * as indexRecentChanges from './2026_11_27_10_00_00_index_recent_changes';
import * as searchIndexByRowid from './2026_11_27_11_00_00_search_index_by_rowid';
import * as indexSourceUrl from './2026_11_28_10_00_00_index_source_url';
import * as indexClaimantName from './2026_11_28_11_00_00_index_claimant_name';
import * as indexClaimListOrder from './2026_11_28_12_00_00_index_claim_list_order';
import * as addDisputePublishedAt from './2026_11_30_14_00_00_add_dispute_published_at';
import * as createAccountEvent from './2026_11_30_15_40_00_create_account_event';
import * as createInbox from './2026_11_30_16_30_00_create_inbox';
import * as createPromiseOutcome from './2026_11_30_17_00_00_create_promise_outcome';
import * as addSourcePublishedPrecision from './2026_11_30_17_00_00_add_source_published_precision';
import * as stampOutcomesAndAliases from './2026_11_30_18_00_00_stamp_outcomes_and_aliases';
import * as createContentVersion from './2026_11_30_17_00_00_create_content_version';
import * as createAliases from './2026_11_30_16_40_00_create_aliases';
import * as createRateLimit from './2026_11_30_21_00_00_create_rate_limit';
import * as indexSourceWithoutUrl from './2026_12_01_04_00_00_index_source_without_url';
import * as spreadContentVersion from './2026_12_01_04_10_00_spread_content_version';
import * as topicStatistics from './2026_12_01_06_00_00_topic_statistics';

// Every migration, keyed by its sortable name. Add new files here; never rename or edit old ones.
export const migrations: Record<string, Migration> = {
  '2026_11_26_19_00_00_create_claim_graph': createClaimGraph,
  '2026_11_26_19_30_00_create_search_index': createSearchIndex,
  '2026_11_26_20_00_00_add_claim_review_url': addClaimReviewUrl,
  '2026_11_27_09_00_00_create_accounts': createAccounts,
  '2026_11_27_10_00_00_index_recent_changes': indexRecentChanges,
  '2026_11_27_11_00_00_search_index_by_rowid': searchIndexByRowid,
  '2026_11_28_10_00_00_index_source_url': indexSourceUrl,
  '2026_11_28_11_00_00_index_claimant_name': indexClaimantName,
  '2026_11_28_12_00_00_index_claim_list_order': indexClaimListOrder,
  '2026_11_30_14_00_00_add_dispute_published_at': addDisputePublishedAt,
  '2026_11_30_15_40_00_create_account_event': createAccountEvent,
  '2026_11_30_16_30_00_create_inbox': createInbox,
  '2026_11_30_16_40_00_create_aliases': createAliases,
  '2026_11_30_17_00_00_create_promise_outcome': createPromiseOutcome,
  '2026_11_30_17_00_00_add_source_published_precision': addSourcePublishedPrecision,
  '2026_11_30_17_00_00_create_content_version': createContentVersion,
  '2026_11_30_18_00_00_stamp_outcomes_and_aliases': stampOutcomesAndAliases,
  '2026_11_30_21_00_00_create_rate_limit': createRateLimit,
  '2026_12_01_04_00_00_index_source_without_url': indexSourceWithoutUrl,
  '2026_12_01_04_10_00_spread_content_version': spreadContentVersion,
  '2026_12_01_06_00_00_topic_statistics': topicStatistics,
};
