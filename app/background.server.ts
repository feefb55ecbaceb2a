import { createResendSender, deliverDueEmails } from '../emails/outbox.server';
import { applyIndexSettings, processSearchOutbox, reindexOutdated } from '../search/sync.server';
import { getEnv } from './env.server';
import { runOpeningHousekeeping } from './openings/openings.server';
import { anonymiseExpired, refreshAspirantBands } from './aspirants/retention.server';
import { todayInStockholm } from './dates';
import { sendFollowUpReminders } from './matching/pipeline.server';
import { expireOffers, processAllocationRuns } from './feriejobb/allocation.server';
import { sendHealthReminders } from './mentoring/mentoring.server';
import { getDb, getSearch } from './services.server';
import { refreshStatistics } from './statistics/statistics.server';

/**
 * The in-process worker started with the server: drains the search and e-mail outboxes with
 * retries. A failing dependency is logged when it starts failing and when it recovers, not on
 * every tick.
 */
export interface BackgroundWorkers {
  stop(): Promise<void>;
  /** Runs one pass now (tests, and after a burst of writes). */
  tick(): Promise<void>;
}

function stateLogger(name: string) {
  let failing = false;
  return {
    ok() {
      if (failing) console.info(`[insteg] ${name}: recovered`);
      failing = false;
    },
    fail(error: unknown) {
      if (!failing) console.error(`[insteg] ${name}: failing, will retry: ${error instanceof Error ? error.message : String(error)}`);
      failing = true;
    },
  };
}

export function startBackgroundWorkers(options: { intervalMs?: number } = {}): BackgroundWorkers {
  const env = getEnv();
  const search = getSearch();
  const send = env.RESEND_API_KEY ? createResendSender(env.RESEND_API_KEY, env.RESEND_BASE_URL) : null;
  const searchLog = stateLogger('search sync');
  const emailLog = stateLogger('e-mail delivery');
  const housekeepingLog = stateLogger('opening housekeeping');
  const aspirantLog = stateLogger('aspirant retention and index bands');
  const allocationLog = stateLogger('feriejobb allocation');
  const statisticsLog = stateLogger('statistics refresh');
  let searchIndexFailing = false;
  let lastStatisticsCheck = 0;
  let statisticsRefresh: Promise<void> | null = null;
  let lastHousekeeping = 0;
  let settingsApplied = false;
  let stopped = false;
  let running: Promise<void> | null = null;

  const pass = async () => {
    // Asked for at every pass, not once: the pool is replaced when postgres.js breaks one (resetDb).
    const db = getDb();
    try {
      if (!settingsApplied) {
        await applyIndexSettings(search);
        const rebuilt = await reindexOutdated(db, search);
        if (rebuilt.length) console.info(`[insteg] rebuilt outdated search indexes: ${rebuilt.join(', ')}`);
        settingsApplied = true;
      }
      // Meilisearch failing is kept on the outbox rows, not thrown: it is logged from what the
      // drain reports. While failed rows wait for their retry nothing is due, which says nothing
      // about recovery: only a pass that applied rows, or one after a thrown error, does.
      let failure: string | null = null;
      let handled = 0;
      for (;;) {
        const n = await processSearchOutbox(db, search, 500, ({ index, error }) => (failure ??= `${index}: ${error}`));
        handled += n;
        if (n === 0 || stopped) break;
      }
      if (failure) {
        searchLog.fail(new Error(failure));
        searchIndexFailing = true;
      } else if (handled > 0 || !searchIndexFailing) {
        searchLog.ok();
        searchIndexFailing = false;
      }
    } catch (error) {
      searchLog.fail(error);
    }
    // Expiry and deadline reminders: once a minute is plenty for date-based rules.
    if (Date.now() - lastHousekeeping > 60_000) {
      // Once a minute whether or not it succeeds: a failing job is retried next minute, not every tick.
      lastHousekeeping = Date.now();
      try {
        await runOpeningHousekeeping();
        housekeepingLog.ok();
      } catch (error) {
        housekeepingLog.fail(error);
      }
      try {
        const today = todayInStockholm();
        const anonymised = await anonymiseExpired(db, today, env.ASPIRANT_RETENTION_MONTHS);
        if (anonymised) console.info(`[insteg] anonymised ${anonymised} aspirants past the retention period`);
        await refreshAspirantBands(db, today);
        await sendFollowUpReminders(db, today);
        await expireOffers(db, today);
        await sendHealthReminders(db, today);
        aspirantLog.ok();
      } catch (error) {
        aspirantLog.fail(error);
      }
    }
    try {
      // One run per pass: a run is minutes at the city's scale, and the other queues should not wait longer.
      await processAllocationRuns(db);
      allocationLog.ok();
    } catch (error) {
      allocationLog.fail(error);
    }
    // The statistics' facts are refreshed when their sources changed, at most every
    // STATISTICS_REFRESH_SECONDS; the refresh (seconds at the city's scale) runs beside the
    // other queues instead of holding them up.
    if (!statisticsRefresh && Date.now() - lastStatisticsCheck > env.STATISTICS_REFRESH_SECONDS * 1000) {
      lastStatisticsCheck = Date.now();
      statisticsRefresh = refreshStatistics(db)
        .then(() => statisticsLog.ok())
        .catch((error: unknown) => statisticsLog.fail(error))
        .finally(() => {
          statisticsRefresh = null;
        });
    }
    if (send) {
      try {
        await deliverDueEmails(db, send, env.EMAIL_FROM);
        emailLog.ok();
      } catch (error) {
        emailLog.fail(error);
      }
    }
  };

  const tick = () => {
    running ??= pass().finally(() => {
      running = null;
    });
    return running;
  };

  const timer = setInterval(() => {
    if (!stopped) void tick();
  }, options.intervalMs ?? 1000);
  timer.unref();
  void tick();

  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await statisticsRefresh;
    },
  };
}
