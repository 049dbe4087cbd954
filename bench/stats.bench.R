# R's survfit (Kaplan-Meier) and survdiff (two-group log-rank) timed on the data of bench/stats.bench.ts.
# Prints one JSON line per measurement (median of `repeats` runs after one warm-up), in the same shape
# as the TypeScript bench, so a runner can put them side by side.
#
#   Rscript bench/stats.bench.R data.csv [days|continuous] [repeats]   # the CSV that stats.bench.ts writes
#   Rscript bench/stats.bench.R --generate [n] [days|continuous]       # same data, drawn here
#
# Generation (identical to simulateCohort in stats.bench.ts): Park-Miller x <- 48271 x mod (2^31 - 1),
# seed 20120401, three draws per subject: time = 1 + x1 mod 3650 (days) or x1 / (2^31 - 1) * 3650
# (continuous), status = (x2 mod 10) < 7, group = x3 mod 2. All exact in doubles.
suppressPackageStartupMessages(library(survival))

simulate <- function(n, scale, seed = 20120401) {
  m <- 2147483647
  x <- seed %% m
  draws <- numeric(3 * n)
  for (i in seq_len(3 * n)) {
    x <- (48271 * x) %% m
    draws[i] <- x
  }
  x1 <- draws[seq(1, 3 * n, 3)]
  x2 <- draws[seq(2, 3 * n, 3)]
  x3 <- draws[seq(3, 3 * n, 3)]
  time <- if (scale == "days") 1 + x1 %% 3650 else x1 / m * 3650
  data.frame(time = time, status = as.integer(x2 %% 10 < 7), group = x3 %% 2)
}

median_ms <- function(repeats, f) {
  f()  # warm-up
  ms <- vapply(seq_len(repeats), function(i) {
    start <- proc.time()[["elapsed"]]
    f()
    (proc.time()[["elapsed"]] - start) * 1000
  }, 0)
  sort(ms)[floor(repeats / 2) + 1]
}

args <- commandArgs(trailingOnly = TRUE)
if (length(args) >= 1 && args[1] == "--generate") {
  n <- if (length(args) >= 2) as.numeric(args[2]) else 1e6
  scale <- if (length(args) >= 3) args[3] else "days"
  repeats <- 5
  d <- simulate(n, scale)
} else {
  if (length(args) < 1) stop("usage: Rscript bench/stats.bench.R data.csv [days|continuous] [repeats] | --generate [n] [scale]")
  d <- read.csv(args[1])
  scale <- if (length(args) >= 2) args[2] else "days"
  repeats <- if (length(args) >= 3) as.integer(args[3]) else 5
}
n <- nrow(d)
km <- median_ms(repeats, function() survfit(Surv(time, status) ~ 1, data = d))
lr <- median_ms(repeats, function() survdiff(Surv(time, status) ~ group, data = d))
line <- function(analysis, ms) cat(sprintf('{"language":"R","analysis":"%s","scale":"%s","n":%d,"ms":%.1f}\n', analysis, scale, n, ms))
line("kaplan-meier", km)
line("log-rank", lr)
