// Anchor for DeliveryThroughputBench (issue 11): how fast graphile-worker 0.17 processes no-op jobs
// in batched mode on the same Postgres, in the same run. Usage: node bench.js <connection string> <jobs>
// Adds the jobs first (addJobs, batches of 1,000: not timed), then times run() until the last job
// has been processed and its completion committed. Prints one JSON line.
const { run, makeWorkerUtils, Logger } = require("graphile-worker");

// Only warnings and errors: an info line per job would cost more than the jobs.
const logger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.error(`[${level}] ${message}`);
});

async function main() {
  const connectionString = process.argv[2];
  const jobs = parseInt(process.argv[3] || "20000", 10);
  const utils = await makeWorkerUtils({ connectionString, logger });
  try {
    await utils.migrate();
    const t0 = Date.now();
    for (let i = 0; i < jobs; i += 1000) {
      const spec = [];
      for (let j = i; j < Math.min(jobs, i + 1000); j++) {
        spec.push({ identifier: "noop", payload: { n: j } });
      }
      await utils.addJobs(spec);
    }
    const addSeconds = (Date.now() - t0) / 1000;
    let done = 0;
    let finished;
    const allDone = new Promise((resolve) => (finished = resolve));
    const started = Date.now();
    const runner = await run({
      connectionString,
      logger,
      concurrency: 24,
      maxPoolSize: 24,
      noHandleSignals: true,
      pollInterval: 1000,
      taskList: {
        noop: async () => {
          done += 1;
          if (done === jobs) finished();
        },
      },
      preset: {
        worker: { localQueue: { size: 500 }, completeJobBatchDelay: 0, failJobBatchDelay: 0 },
      },
    });
    await allDone;
    // The last completions are written in batches: wait until no job is left in the table.
    for (;;) {
      const { rows } = await utils.withPgClient((c) =>
        c.query("select count(*)::int as n from graphile_worker._private_jobs")
      );
      if (rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = (Date.now() - started) / 1000;
    await runner.stop();
    console.log(
      JSON.stringify({ tool: "graphile-worker", version: "0.17.3", jobs, addSeconds, seconds, jobsPerSecond: jobs / seconds })
    );
  } finally {
    await utils.release();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
