/**
 * Public API of the statistics core: pure functions, no framework, no I/O except the rate-table
 * loader. Names mirror R's survival and stats packages (see each function's doc block).
 */
export { logGamma, logFactorial, logBeta, regularizedGamma } from './distributions/gamma.functions';
export type { Tails } from './distributions/gamma.functions';
export { regularizedBeta } from './distributions/beta.functions';
export { pnorm, qnorm, dnorm } from './distributions/normal.distribution';
export { pchisq, qchisq, qgamma } from './distributions/chiSquare.distribution';
export { pt } from './distributions/t.distribution';
export { dpois, ppois } from './distributions/poisson.distribution';

export { kaplanMeier } from './survival/kaplanMeier.estimator';
export type { SurvivalData, KaplanMeierOptions, KaplanMeierRow, KaplanMeierCurve, KaplanMeierFit } from './survival/kaplanMeier.estimator';
export { confidenceLimits, twoSidedZ, CONF_TYPES } from './survival/kaplanMeier.confint';
export type { ConfType, ConfidenceLimits } from './survival/kaplanMeier.confint';
export { survivalQuantiles, medianSurvival } from './survival/kaplanMeier.quantile';
export type { SurvivalQuantile } from './survival/kaplanMeier.quantile';
export { summarizeCurve } from './survival/kaplanMeier.summary';
export type { SurvivalSummaryRow } from './survival/kaplanMeier.summary';
export { numberAtRiskTable } from './survival/kaplanMeier.riskTable';
export type { RiskTableRow } from './survival/kaplanMeier.riskTable';
export { logRankTest } from './survival/logRank.survdiff';
export type { LogRankData, LogRankResult } from './survival/logRank.survdiff';
export { timefix } from './survival/survivalTimes.timefix';
export { solveSymmetric } from './survival/matrix.solve';

export { rateTableFromRows, dailyHazard, SEXES } from './ratetables/rateTable.model';
export type { RateTable, RateTableRow, Sex } from './ratetables/rateTable.model';
export { loadRateTable, parseRateTable, RATE_TABLES } from './ratetables/rateTable.loader';
export type { RateTableName } from './ratetables/rateTable.loader';
export { expectedCumulativeHazard, expectedHazardPath, yearCoordinate } from './ratetables/expectedHazard.pyears';
export type { RateTableSubject, YearRule } from './ratetables/expectedHazard.pyears';
export { oneSampleLogRank, rateTableComparison } from './ratetables/oneSampleLogRank.survdiff';
export type { OneSampleLogRankResult, RateComparisonSubject } from './ratetables/oneSampleLogRank.survdiff';
export { edererExpectedSurvival } from './ratetables/expectedSurvival.ederer';
export type { ExpectedSurvivalPoint } from './ratetables/expectedSurvival.ederer';
export { standardizedMortalityRatio } from './ratetables/smr.poisson';
export type { StandardizedMortalityRatio } from './ratetables/smr.poisson';

export { averageRanks } from './rankTests/ranks.average';
export { kruskalWallis } from './rankTests/kruskalWallis.rankTest';
export type { KruskalWallisResult } from './rankTests/kruskalWallis.rankTest';
export { spearman } from './rankTests/spearman.rankTest';
export type { SpearmanResult } from './rankTests/spearman.rankTest';

export { chiSquareTest } from './tables/chiSquare.contingency';
export type { ChiSquareTestResult } from './tables/chiSquare.contingency';
export { fisherExactTwoByTwo } from './tables/fisherExact.twoByTwo';
export type { FisherTwoByTwoResult } from './tables/fisherExact.twoByTwo';
export { fisherExactNetwork } from './tables/fisherExact.network';
export type { FisherNetworkResult } from './tables/fisherExact.network';
