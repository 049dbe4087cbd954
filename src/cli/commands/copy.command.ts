/**
 * `copy --from <store> --to <store>`: copies the whole log between SQLite, EventStoreDB (and memory, in
 * tests), resuming where an interrupted copy stopped, with a progress bar on stderr; then verifies that
 * both logs give the same event count per stream and the same SHA-256 for every dataset. Exit codes:
 * 1 for bad arguments or a refused copy (nothing written), 2 when the verification finds a difference.
 * It opens the two stores itself rather than booting the application: no read model, no subscriptions,
 * nothing written to either store but the copied events. Local only: `--server` is refused.
 */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { copyLog, verifyCopy, type CopyProgress, type CopySummary, type CopyVerification } from '../../eventStore/copyLog';
import type { EventStore } from '../../eventStore/eventStore.port';
import { remoteTarget } from '../cliTarget';
import { copyVaultTo, readableWith, vaultOf } from '../../erasure/copiedVault';
import { STORE_FORMS, copyLocationsProblem, describeLocation, openStoreAt, parseStoreLocation } from '../../eventStore/storeLocation';

export function registerCopyCommand(program: Command): void {
  program
    .command('copy')
    .description('copy the whole log to another store (SQLite <-> EventStoreDB), resuming an interrupted copy, then verify both sides')
    .requiredOption('--from <store>', `the source: ${STORE_FORMS}`)
    .requiredOption('--to <store>', 'the target, in the same forms; empty, or holding an earlier interrupted copy of the source')
    .action(async (options: { from: string; to: string }, command: Command) => {
      remoteTarget(command, false);
      const from = parseStoreLocation('--from', options.from);
      const to = parseStoreLocation('--to', options.to);
      const problem = copyLocationsProblem(from, to);
      if (problem) throw new Error(problem);
      const source = openStoreAt(from);
      let target: EventStore | null = null;
      try {
        target = openStoreAt(to);
        const progress = progressBar();
        const summary = await copyLog(source, target, { onProgress: progress.update }).finally(progress.stop);
        process.stdout.write(describeCopy(describeLocation(from), describeLocation(to), summary));
        const vault = vaultOf(from);
        let verification: CopyVerification;
        try {
          const copied = copyVaultTo(vault, from, to);
          if (copied) process.stdout.write(copied);
          verification = await verifyCopy(readableWith(vault, source), readableWith(vault, target));
        } finally {
          vault.close();
        }
        process.stdout.write(describeVerification(verification));
        if (!verification.ok) process.exitCode = 2;
      } finally {
        await Promise.all([source.close(), target?.close()]);
      }
    });
}

/** The bar runs on source positions (what the copy knows the end of), labelled with events and their rate. */
function progressBar() {
  const bar = new SingleBar({
    format: 'copy [{bar}] {percentage}% | {events} events | {rate} events/s | ETA {eta_formatted}',
    stream: process.stderr,
    etaBuffer: 20,
  });
  let started = false;
  const startedAt = performance.now();
  return {
    update: (p: CopyProgress) => {
      if (!started) {
        bar.start(Math.max(p.sourceHead, 1), 0, { events: 0, rate: 0 });
        started = true;
      }
      const seconds = (performance.now() - startedAt) / 1000;
      bar.update(p.position, { events: p.copied + p.skipped, rate: seconds > 0 ? Math.round(p.copied / seconds) : 0 });
    },
    stop: () => started && bar.stop(),
  };
}

function describeCopy(from: string, to: string, s: CopySummary): string {
  return [
    `copy ${from} -> ${to}`,
    `  ${s.copied} events copied, ${s.skipped} skipped (already in the target)`,
    `  ${s.seconds.toFixed(2)} s, ${s.eventsPerSecond} events/s`,
    '',
  ].join('\n');
}

function describeVerification(v: CopyVerification): string {
  const lines = [`verification: ${v.ok ? 'OK, the target matches the source' : `FAILED, ${v.differences.length} difference(s)`}`];
  lines.push(`  events: ${v.source.events} in the source, ${v.target.events} in the target; ${v.source.streams.size} streams in the source, ${v.target.streams.size} in the target`);
  for (const [name, sha] of v.source.datasets) lines.push(`  dataset ${name.padEnd(18)} ${sha} ${v.target.datasets.get(name) === sha ? 'same' : 'DIFFERENT'}`);
  for (const difference of v.differences) lines.push(`  DIFFERENCE ${difference}`);
  return `${lines.join('\n')}\n`;
}
