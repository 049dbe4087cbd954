# Golden values for src/stats, computed with R and its survival package (not with our code).
#
#   Rscript test/reference/survival.reference.R [output-dir]
#
# Writes JSON fixtures (default: test/reference/fixtures) that the jest specs under src/stats compare
# with at 1e-10 relative. Inputs are written into the fixtures too, so the specs need nothing else.
# The cohort comes from the shared folder ($COHORT_SHARED_DIR, default <repo>/../shared).
# Needs only base R and survival (no jsonlite: JSON is written by hand below, numbers with %.17g,
# so the output is byte-for-byte reproducible; test/reference/check.sh relies on that).

suppressPackageStartupMessages(library(survival))

args <- commandArgs(trailingOnly = FALSE)
script <- normalizePath(sub("^--file=", "", args[grep("^--file=", args)][1]))
repo <- normalizePath(file.path(dirname(script), "..", ".."))
trailing <- commandArgs(trailingOnly = TRUE)
out_dir <- if (length(trailing) >= 1) trailing[1] else file.path(repo, "test", "reference", "fixtures")
shared <- Sys.getenv("COHORT_SHARED_DIR", file.path(dirname(repo), "shared"))
cohort <- file.path(shared, "cohorts", "mayo-2012")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

# ---------------------------------------------------------------- JSON writer
# Vectors of length != 1 become arrays, length 1 scalars unless wrapped in arr(). NA -> null,
# NaN / Inf / -Inf -> the strings "NaN", "Inf", "-Inf" (JSON has no such numbers).
arr <- function(x) structure(x, class = c("json_array", class(x)))
num <- function(x) {
  if (is.na(x) && !is.nan(x)) return("null")
  if (is.nan(x)) return("\"NaN\"")
  if (is.infinite(x)) return(if (x > 0) "\"Inf\"" else "\"-Inf\"")
  if (x == round(x) && abs(x) < 1e15) return(format(x, scientific = FALSE))
  sprintf("%.17g", x)
}
str_json <- function(s) paste0("\"", gsub("\"", "\\\\\"", gsub("\\\\", "\\\\\\\\", s)), "\"")
to_json <- function(x, indent = 0) {
  pad <- strrep(" ", indent + 2)
  end <- strrep(" ", indent)
  if (is.null(x)) return("null")
  if (is.factor(x)) x <- as.character(x)
  if (is.matrix(x)) return(to_json(lapply(seq_len(nrow(x)), function(i) arr(unname(x[i, ]))), indent))
  if (is.list(x)) {
    if (length(x) == 0) return(if (is.null(names(x))) "[]" else "{}")
    items <- vapply(x, to_json, "", indent = indent + 2)
    if (is.null(names(x))) return(paste0("[\n", paste0(pad, items, collapse = ",\n"), "\n", end, "]"))
    return(paste0("{\n", paste0(pad, str_json(names(x)), ": ", items, collapse = ",\n"), "\n", end, "}"))
  }
  scalar <- length(x) == 1 && !inherits(x, "json_array")
  vals <- if (is.character(x)) {
    ifelse(is.na(x), "null", vapply(x, str_json, ""))
  } else if (is.logical(x)) {
    ifelse(is.na(x), "null", ifelse(x, "true", "false"))
  } else vapply(as.numeric(x), num, "")
  if (scalar) return(unname(vals))
  paste0("[", paste(unname(vals), collapse = ", "), "]")
}
write_fixture <- function(name, content) {
  content <- c(list(generated_by = "test/reference/survival.reference.R",
                    R = R.version.string, survival = as.character(packageVersion("survival"))), content)
  writeLines(to_json(content), file.path(out_dir, name))
}

# ---------------------------------------------------------------- the cohort
patients <- read.csv(file.path(cohort, "patients.csv"), stringsAsFactors = FALSE)
diagnoses <- read.csv(file.path(cohort, "diagnoses.csv"), stringsAsFactors = FALSE)
survival_csv <- read.csv(file.path(cohort, "expected", "survival.csv"), stringsAsFactors = FALSE)
derived <- read.csv(file.path(cohort, "expected", "patients-derived.csv"), stringsAsFactors = FALSE)
calc <- diagnoses[diagnoses$condition == "calcinosis_cutis", c("patient_id", "diagnosed_on")]
mayo <- merge(merge(survival_csv, patients, by = "patient_id"), calc, by = "patient_id")
mayo <- mayo[order(mayo$patient_id), ]
mayo$entry_date <- as.Date(mayo$diagnosed_on)
mayo$age_days <- as.numeric(mayo$entry_date - as.Date(mayo$birth_date))
mayo <- merge(mayo, derived[, c("patient_id", "location_group")], by = "patient_id")
mayo <- mayo[order(mayo$patient_id), ]

# ---------------------------------------------------------------- Kaplan-Meier
km_case <- function(name, time, status, strata = NULL, conf = list(c("log", 0.95), c("log-log", 0.95), c("plain", 0.95)),
                    times = NULL, probs = c(0, 0.1, 0.25, 0.5, 0.75, 1)) {
  d <- data.frame(time = time, status = status)
  if (!is.null(strata)) d$strata <- strata
  if (is.null(times)) times <- sort(unique(c(0, quantile(time, c(0.1, 0.5, 0.9), names = FALSE), max(time), max(time) * 1.5)))
  fits <- lapply(conf, function(cf) {
    form <- if (is.null(strata)) Surv(time, status) ~ 1 else Surv(time, status) ~ strata
    fit <- survfit(form, data = d, conf.type = cf[1], conf.int = as.numeric(cf[2]))
    labels <- if (is.null(fit$strata)) "all" else sub("^strata=", "", names(fit$strata))
    sizes <- if (is.null(fit$strata)) length(fit$time) else fit$strata
    which <- rep(seq_along(sizes), sizes)
    q <- quantile(fit, probs)
    curves <- lapply(seq_along(sizes), function(s) {
      k <- which == s
      qrow <- function(m) if (is.matrix(m)) arr(unname(m[s, ])) else arr(unname(m))
      list(strata = if (is.null(fit$strata)) NULL else labels[s],
           n = if (is.null(fit$strata)) fit$n else fit$n[s],
           time = arr(fit$time[k]), nRisk = arr(fit$n.risk[k]), nEvent = arr(fit$n.event[k]),
           nCensor = arr(fit$n.censor[k]), surv = arr(fit$surv[k]), stdErr = arr(fit$std.err[k]),
           lower = arr(fit$lower[k]), upper = arr(fit$upper[k]),
           quantiles = list(probs = arr(probs), quantile = qrow(q$quantile), lower = qrow(q$lower), upper = qrow(q$upper)))
    })
    summary_rows <- function(extend) {
      sm <- summary(fit, times = times, extend = extend)
      st <- if (is.null(sm$strata)) rep("all", length(sm$time)) else sub("^strata=", "", as.character(sm$strata))
      rows <- list(strata = arr(st), time = arr(sm$time), nRisk = arr(sm$n.risk), nEvent = arr(sm$n.event),
                   nCensor = arr(sm$n.censor), surv = arr(sm$surv), stdErrSurv = arr(sm$std.err),
                   lower = arr(sm$lower), upper = arr(sm$upper))
      rows$cumEvents <- arr(ave(sm$n.event, st, FUN = cumsum))
      rows$cumCensored <- arr(ave(sm$n.censor, st, FUN = cumsum))
      rows
    }
    list(confType = cf[1], confLevel = as.numeric(cf[2]), curves = curves,
         summaryExtended = summary_rows(TRUE),
         summary = tryCatch(summary_rows(FALSE), error = function(e) NULL))
  })
  list(name = name, input = list(time = arr(time), status = arr(status), strata = if (is.null(strata)) NULL else arr(strata)),
       times = arr(times), fits = fits)
}

set.seed(20120401)
random_n <- 240
random_time <- round(rexp(random_n, 1 / 30), 0)
random_status <- rbinom(random_n, 1, 0.7)
random_group <- sample(c("A", "B", "C"), random_n, replace = TRUE)
random_stratum <- sample(c("s1", "s2"), random_n, replace = TRUE)

km_cases <- list(
  km_case("hand-worked: ties of an event and a censoring at t = 2", c(1, 2, 2, 3, 4), c(1, 1, 0, 1, 0), times = c(0, 0.5, 2, 2.5, 4, 10)),
  km_case("all censored", c(3, 1, 2), c(0, 0, 0), times = c(0, 1.5, 3, 7)),
  km_case("all events (S reaches 0: infinite std.err, NA limits)", c(1, 2, 2, 3), c(1, 1, 1, 1), times = c(0, 1.5, 3, 5)),
  km_case("events and censorings tied at each time", c(2, 2, 2, 2, 5, 5, 5, 8), c(1, 1, 0, 0, 1, 0, 0, 1), times = c(1, 2, 5, 8, 9)),
  km_case("single subject, event", 5, 1, times = c(0, 5, 6)),
  km_case("single subject, censored", 5, 0, times = c(0, 5, 6)),
  km_case("censoring after the last event", c(1, 2, 3, 10, 12), c(1, 0, 1, 0, 0), times = c(0, 3, 11, 12, 20)),
  km_case("zero-length times", c(0, 0, 0, 1, 2, 3), c(1, 0, 1, 1, 0, 1), times = c(0, 1, 2.5, 3, 4)),
  km_case("median on a flat stretch at exactly 0.5", c(1, 2, 3, 4), c(1, 1, 1, 1), times = c(2, 3)),
  km_case("curve ends at exactly 0.5", c(1, 2, 3, 4), c(1, 1, 0, 0), times = c(2, 4)),
  km_case("strata, one of them a single subject", c(1, 2, 3, 4, 5, 6, 7), c(1, 0, 1, 1, 0, 1, 1),
          strata = c("a", "a", "a", "b", "b", "b", "c"), times = c(0, 2, 4, 6, 8)),
  km_case("other confidence levels", c(1, 2, 2, 3, 4, 6, 6, 9), c(1, 1, 0, 1, 0, 1, 1, 0),
          conf = list(c("log", 0.9), c("log-log", 0.99), c("plain", 0.8)), times = c(2, 6, 10)),
  km_case("random: 240 subjects, rounded exponential times, 3 strata", random_time, random_status, strata = random_group,
          times = c(0, 7, 30, 60, 120, 400)),
  km_case("mayo-2012: survival after the calcinosis diagnosis, months", mayo$time_months, mayo$status,
          times = c(0, 60, 120, 180, 240, 600, 800))
)
write_fixture("kaplan-meier.json", list(cases = km_cases))

# ---------------------------------------------------------------- log-rank (survdiff)
lr_case <- function(name, time, status, group, strata = NULL, rho = c(0, 1)) {
  d <- data.frame(time = time, status = status, group = group)
  if (!is.null(strata)) d$strata <- strata
  tests <- lapply(rho, function(r) {
    form <- if (is.null(strata)) Surv(time, status) ~ group else Surv(time, status) ~ group + strata(strata)
    x <- survdiff(form, data = d, rho = r)
    df <- sum(rowSums(as.matrix(x$exp)) > 0) - 1
    out <- list(rho = r, groups = arr(sub("^group=", "", names(x$n))), n = arr(as.vector(x$n)),
                obs = arr(if (is.matrix(x$obs)) rowSums(x$obs) else x$obs),
                exp = arr(if (is.matrix(x$exp)) rowSums(x$exp) else x$exp),
                var = unname(x$var), chisq = x$chisq, df = df, pvalue = x$pvalue)
    if (!is.null(strata)) {
      out$strataObs <- unname(x$obs)
      out$strataExp <- unname(x$exp)
      out$strataN <- arr(as.vector(x$strata))
    }
    out
  })
  list(name = name, input = list(time = arr(time), status = arr(status), group = arr(group),
                                 strata = if (is.null(strata)) NULL else arr(strata)), tests = tests)
}
lr_cases <- list(
  lr_case("hand-worked: two groups, four deaths", c(1, 2, 3, 4), c(1, 1, 1, 1), c(1, 1, 2, 2)),
  lr_case("two groups, ties of deaths and censorings across groups", c(1, 1, 2, 2, 3, 3, 4, 5, 5, 6),
          c(1, 0, 1, 1, 0, 1, 1, 1, 0, 0), c("x", "y", "x", "y", "y", "x", "y", "x", "y", "x")),
  lr_case("k = 3 groups", c(1, 2, 3, 4, 5, 6, 7, 8, 9), c(1, 1, 0, 1, 1, 0, 1, 1, 1), c("a", "b", "c", "a", "b", "c", "a", "b", "c")),
  lr_case("a group with no one at risk at any death (E = 0, df drops)", c(1, 2, 3, 4, 0.5, 0.5), c(1, 1, 1, 0, 0, 0), c("a", "b", "a", "b", "c", "c")),
  lr_case("stratified, a stratum with one subject", c(1, 2, 3, 4, 5, 6, 7), c(1, 1, 0, 1, 1, 1, 1),
          c("a", "b", "a", "b", "a", "b", "a"), strata = c(1, 1, 1, 1, 2, 2, 3)),
  lr_case("random: 240 subjects, 3 groups, 2 strata", random_time, random_status, random_group, strata = random_stratum),
  lr_case("random: 240 subjects, 3 groups, unstratified", random_time, random_status, random_group),
  lr_case("mayo-2012: by sex", mayo$time_months, mayo$status, mayo$sex),
  lr_case("mayo-2012: by sex, stratified by number of lesion sites", mayo$time_months, mayo$status, mayo$sex, strata = mayo$location_group)
)
write_fixture("log-rank.json", list(cases = lr_cases))

# ---------------------------------------------------------------- rate tables
# A copy of a survival rate table whose values are replaced by the shipped CSV (11 significant digits),
# to separate the algorithm (must agree to rounding) from the CSV's precision (~5e-11 relative).
from_csv <- function(rt, file) {
  x <- read.csv(file, stringsAsFactors = FALSE)
  dn <- dimnames(rt)
  rt[cbind(match(x$age, dn$age), match(x$sex, dn$sex), match(x$year, dn$year))] <- x$daily_hazard
  rt
}
mn_csv <- from_csv(survexp.mn, file.path(repo, "src", "stats", "ratetables", "minnesota.csv"))
us_csv <- from_csv(survexp.us, file.path(repo, "src", "stats", "ratetables", "united-states.csv"))
calendar <- function(rt) { attr(rt, "type")[attr(rt, "type") == 4] <- 3; rt }  # year changes on 1 January

individual_h <- function(d, rt) {
  -log(survexp(time ~ 1, data = d, rmap = list(age = age, sex = sex, year = year), ratetable = rt, method = "individual.s"))
}
md <- data.frame(time = mayo$time_days, status = mayo$status, age = mayo$age_days, sex = mayo$sex, year = mayo$entry_date)
md$expsurv <- survexp(time ~ 1, data = md, rmap = list(age = age, sex = sex, year = year), ratetable = survexp.mn, method = "individual.s")
one <- survdiff(Surv(time, status) ~ offset(expsurv), data = md)
smr <- poisson.test(one$obs, one$exp)

us_subjects <- data.frame(
  label = c("born 29 Feb, entry 1990", "born 31 Dec, crosses 1 January", "born 1 Jan", "entry before the table (1935)",
            "follow-up past the table (2010-2030)", "older than 109", "newborn", "fractional follow-up"),
  birth = as.Date(c("1952-02-29", "1960-12-31", "1970-01-01", "1900-06-15", "1950-07-04", "1880-03-03", "2000-05-05", "1944-10-10")),
  entry = as.Date(c("1990-03-01", "1995-12-30", "1999-12-31", "1935-01-20", "2010-07-03", "1990-01-01", "2000-05-05", "1980-02-29")),
  sex = c("female", "male", "female", "male", "female", "male", "female", "male"),
  time = c(4000, 800, 365, 3000, 7300, 1500, 400, 1234.5), status = c(1, 0, 0, 1, 0, 1, 0, 1), stringsAsFactors = FALSE)
ud <- data.frame(time = us_subjects$time, status = us_subjects$status, age = as.numeric(us_subjects$entry - us_subjects$birth),
                 sex = us_subjects$sex, year = us_subjects$entry)
ederer_times <- round(30.4375 * c(0, 12, 60, 120, 180, 240))
ederer <- survexp(~1, data = md, rmap = list(age = age, sex = sex, year = year), times = ederer_times,
                  ratetable = survexp.mn, method = "ederer")
smr_cases <- list(c(7, one$exp), c(0, 2.5), c(3, 3), c(10, 4.2), c(2, 7.5), c(1, 0.01))
write_fixture("rate-tables.json", list(
  mayo = list(
    subjects = list(patientId = arr(mayo$patient_id), ageDays = arr(mayo$age_days), entryDate = arr(as.character(mayo$entry_date)),
                    sex = arr(mayo$sex), time = arr(mayo$time_days), status = arr(mayo$status)),
    expectedHazardR = arr(-log(md$expsurv)),
    expectedHazardCsvTable = arr(individual_h(md, mn_csv)),
    expectedHazardCalendarYear = arr(individual_h(md, calendar(mn_csv))),
    survdiff = list(n = one$n, obs = one$obs, exp = one$exp, var = one$var, chisq = one$chisq, pvalue = one$pvalue),
    ederer = list(times = arr(ederer_times), surv = arr(ederer$surv)),
    smr = list(observed = one$obs, expected = one$exp, estimate = unname(smr$estimate), lower = smr$conf.int[1],
               upper = smr$conf.int[2], pvalue = smr$p.value)
  ),
  unitedStates = list(
    subjects = list(label = arr(us_subjects$label), ageDays = arr(ud$age), entryDate = arr(as.character(us_subjects$entry)),
                    sex = arr(ud$sex), time = arr(ud$time), status = arr(ud$status)),
    expectedHazardR = arr(individual_h(ud, survexp.us)),
    expectedHazardCsvTable = arr(individual_h(ud, us_csv)),
    expectedHazardCalendarYear = arr(individual_h(ud, calendar(us_csv)))
  ),
  smr = lapply(smr_cases, function(c) {
    p <- poisson.test(c[1], c[2])
    list(observed = c[1], expected = c[2], estimate = unname(p$estimate), lower = p$conf.int[1], upper = p$conf.int[2],
         pvalue = p$p.value, lower90 = poisson.test(c[1], c[2], conf.level = 0.9)$conf.int[1],
         upper90 = poisson.test(c[1], c[2], conf.level = 0.9)$conf.int[2])
  })
))

# ---------------------------------------------------------------- rank tests
documented <- patients$patient_id[patients$treatment_history == "documented" & patients$research_authorization == "granted"]
analysed <- derived[derived$patient_id %in% patients$patient_id[patients$research_authorization == "granted"], ]
doc <- analysed[analysed$patient_id %in% documented, ]
kw <- function(name, x, g) {
  t <- kruskal.test(x, g)
  list(name = name, x = arr(x), g = arr(g), statistic = unname(t$statistic), df = unname(t$parameter), pvalue = t$p.value)
}
sp <- function(name, x, y) {
  t <- suppressWarnings(cor.test(x, y, method = "spearman", exact = FALSE))
  list(name = name, x = arr(x), y = arr(y), rho = unname(t$estimate), statistic = unname(t$statistic), pvalue = t$p.value)
}
write_fixture("rank-tests.json", list(
  kruskalWallis = list(
    kw("mayo-2012: number of locations vs number of calcinosis treatments", doc$n_calcinosis_treatments, doc$location_group),
    kw("mayo-2012: number of locations vs number of ACTD treatments", analysed$n_actd_treatments, analysed$location_group),
    kw("no ties, 3 groups", c(1, 2, 3, 4, 5, 6), c("a", "a", "b", "b", "c", "c")),
    kw("heavy ties, unequal groups", c(0, 0, 0, 1, 1, 2, 2, 2, 2, 3, 5), c(1, 2, 2, 1, 3, 3, 1, 2, 3, 3, 2)),
    kw("two groups", c(3.1, 2.2, 5.5, 4.4, 1.1), c("x", "y", "x", "x", "y"))
  ),
  spearman = list(
    sp("mayo-2012: number of ACTD treatments vs number of calcinosis treatments", doc$n_actd_treatments, doc$n_calcinosis_treatments),
    sp("no ties", c(1, 2, 3, 4, 5), c(2, 1, 4, 3, 5)),
    sp("negative with ties", c(1, 2, 2, 3, 4, 5, 5, 6), c(9, 7, 8, 8, 5, 2, 3, 1)),
    sp("weak", c(5, 3, 8, 1, 9, 2, 7, 4, 6, 10), c(2, 9, 4, 6, 3, 8, 1, 7, 10, 5))
  )
))

# ---------------------------------------------------------------- contingency tables (Table 3)
table3 <- table(factor(analysed$treatment_category, levels = c("medical", "surgical", "medical_and_surgical", "none", "unknown")),
                factor(analysed$best_response, levels = c("complete", "partial", "none", "unknown")))
m3 <- unclass(table3)
treated <- m3[1:3, 1:3]
cr_by_surgery <- rbind(c(m3[1, "complete"], sum(m3[1, 2:3])), c(sum(m3[2:3, "complete"]), sum(m3[2:3, 2:3])))
# fisher.test's conditional MLE and limits, with uniroot run to full precision (fisher.test itself
# stops at uniroot's default tolerance, ~1e-4): the same functions as stats::fisher.test.
fisher_precise <- function(x, conf.level = 0.95) {
  m <- sum(x[, 1L]); n <- sum(x[, 2L]); k <- sum(x[1L, ]); x <- x[1L, 1L]
  lo <- max(0L, k - n); hi <- min(k, m); support <- lo:hi
  logdc <- dhyper(support, m, n, k, log = TRUE)
  dnhyper <- function(ncp) { d <- logdc + log(ncp) * support; d <- exp(d - max(d)); d / sum(d) }
  mnhyper <- function(ncp) if (ncp == 0) lo else if (ncp == Inf) hi else sum(support * dnhyper(ncp))
  pnhyper <- function(q, ncp = 1, upper.tail = FALSE) {
    if (ncp == 1) return(if (upper.tail) phyper(x - 1, m, n, k, lower.tail = FALSE) else phyper(x, m, n, k))
    if (ncp == 0) return(as.numeric(if (upper.tail) q <= lo else q >= lo))
    if (ncp == Inf) return(as.numeric(if (upper.tail) q <= hi else q >= hi))
    sum(dnhyper(ncp)[if (upper.tail) support >= q else support <= q])
  }
  tol <- 1e-15
  root <- function(f, target) {
    if (f(1) > target) uniroot(function(t) f(t) - target, c(0, 1), tol = tol)$root
    else 1 / uniroot(function(t) f(1 / t) - target, c(.Machine$double.eps, 1), tol = tol)$root
  }
  alpha <- (1 - conf.level) / 2
  c(estimate = if (x == lo) 0 else if (x == hi) Inf else root(mnhyper, x),
    lower = if (x == lo) 0 else root(function(t) pnhyper(x, t, TRUE), alpha),
    upper = if (x == hi) Inf else root(function(t) -pnhyper(x, t), -alpha))
}
tab_case <- function(name, x) {
  x <- unname(as.matrix(x)); storage.mode(x) <- "double"
  out <- list(name = name, table = x)
  cs <- tryCatch(suppressWarnings(chisq.test(x)), error = function(e) NULL)
  if (!is.null(cs) && is.finite(cs$statistic)) out$chisq <- list(statistic = unname(cs$statistic), df = unname(cs$parameter), pvalue = cs$p.value)
  if (all(dim(x) == 2)) {
    cs0 <- suppressWarnings(chisq.test(x, correct = FALSE))
    out$chisqUncorrected <- list(statistic = unname(cs0$statistic), pvalue = cs0$p.value)
  }
  ft <- fisher.test(x, workspace = 2e8)
  out$fisher <- list(pvalue = ft$p.value)
  if (all(dim(x) == 2)) {
    pr <- fisher_precise(x)
    out$fisher$estimateR <- unname(ft$estimate)
    out$fisher$lowerR <- ft$conf.int[1]
    out$fisher$upperR <- ft$conf.int[2]
    out$fisher$estimate <- unname(pr["estimate"])
    out$fisher$lower <- unname(pr["lower"])
    out$fisher$upper <- unname(pr["upper"])
  }
  out
}
write_fixture("tables.json", list(cases = list(
  tab_case("mayo-2012 Table 3: treatment category x best response (5 x 4)", m3),
  tab_case("mayo-2012 Table 3, treated patients with a graded response (3 x 3)", treated),
  tab_case("mayo-2012 Table 3: complete response, medical alone vs any surgery (2 x 2)", cr_by_surgery),
  tab_case("2 x 2 with a zero cell", matrix(c(0, 5, 6, 2), 2)),
  tab_case("2 x 2 symmetric", matrix(c(3, 1, 1, 3), 2)),
  tab_case("2 x 3", matrix(c(2, 7, 5, 1, 0, 4), 2)),
  tab_case("3 x 4 sparse", matrix(c(1, 0, 2, 0, 3, 0, 1, 1, 0, 4, 0, 2), 3))
)))

# ---------------------------------------------------------------- special functions
grid <- function(f, ...) { g <- expand.grid(..., KEEP.OUT.ATTRS = FALSE); g$value <- do.call(mapply, c(list(FUN = f), g)); lapply(g, arr) }
write_fixture("distributions.json", list(
  pnorm = grid(function(x, lower) pnorm(x, lower.tail = lower), x = c(-37, -20, -8.3, -5, -3, -1.96, -1, -0.6744, -0.5, -0.1, 0, 1e-17, 0.3, 0.67448975, 0.7, 1, 2, 5.65, 6, 8, 12), lower = c(TRUE, FALSE)),
  qnorm = grid(function(p) qnorm(p), p = c(1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.025, 0.05, 0.1, 0.3, 0.5, 0.7, 0.9, 0.975, 0.999, 1 - 1e-10)),
  pchisq = grid(function(q, df, lower) pchisq(q, df, lower.tail = lower), q = c(0.001, 0.1, 0.5, 1, 2.37, 3.84, 10, 30, 100, 400), df = c(0.5, 1, 2, 3, 5, 10, 30, 100), lower = c(TRUE, FALSE)),
  qchisq = grid(function(p, df) qchisq(p, df), p = c(1e-10, 0.001, 0.025, 0.5, 0.975, 0.999), df = c(1, 2, 4, 14, 16, 30, 200)),
  qgamma = grid(function(p, shape) qgamma(p, shape), p = c(1e-8, 0.025, 0.05, 0.5, 0.95, 0.975), shape = c(0.1, 0.5, 1, 7, 8, 50, 1000)),
  pt = grid(function(t, df, lower) pt(t, df, lower.tail = lower), t = c(-30, -5, -2, -0.5, 0, 0.5, 1.6, 2, 5, 30), df = c(1, 2, 3, 10, 75, 1000), lower = c(TRUE, FALSE)),
  lgamma = grid(function(x) lgamma(x), x = c(1e-8, 0.1, 0.5, 1, 1.5, 2, 3.7, 10, 14.9, 15, 37.5, 100, 1e4, 1e6)),
  pgamma = grid(function(x, a, lower) pgamma(x, a, lower.tail = lower), x = c(0.01, 0.5, 1, 5, 20, 80), a = c(0.1, 0.5, 1, 3, 20, 60), lower = c(TRUE, FALSE)),
  pbeta = grid(function(x, a, b, lower) pbeta(x, a, b, lower.tail = lower), x = c(0.001, 0.1, 0.5, 0.9, 0.999), a = c(0.5, 1, 2.5, 37.5), b = c(0.5, 3, 20), lower = c(TRUE, FALSE)),
  dpois = grid(function(x, lambda) dpois(x, lambda), x = c(0, 1, 2, 7, 20), lambda = c(0.01, 1, 3.94, 20)),
  ppois = grid(function(x, lambda, lower) ppois(x, lambda, lower.tail = lower), x = c(0, 1, 2, 7, 20), lambda = c(0.01, 1, 3.94, 20), lower = c(TRUE, FALSE))
))
cat("fixtures written to", out_dir, "\n")
