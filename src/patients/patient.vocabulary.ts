/**
 * The controlled vocabularies of the Cohort CSV format (shared/spec/cohort-csv.md). Every layer that
 * checks a term (DTOs, the decider, the CSV import) reads it from here.
 */
export const SEXES = ['female', 'male'] as const;
export const RESEARCH_AUTHORIZATIONS = ['granted', 'denied'] as const;
export const TREATMENT_HISTORIES = ['documented', 'unknown'] as const;

export const ACTD_SUBTYPES = {
  dermatomyositis: ['classic', 'juvenile', 'amyopathic'],
  systemic_sclerosis: ['limited_cutaneous', 'diffuse_cutaneous'],
  lupus_panniculitis: [],
  sle: [],
  mixed_ctd: [],
  overlap_ctd: [],
  undifferentiated_ctd: [],
  polymyositis: [],
  rheumatoid_arthritis: [],
} as const satisfies Record<string, readonly string[]>;

export const CALCINOSIS_SUBTYPES = ['dystrophic', 'metastatic', 'iatrogenic', 'idiopathic'] as const;
export const CALCINOSIS = 'calcinosis_cutis';

export type ActdCondition = keyof typeof ACTD_SUBTYPES;
export const ACTD_CONDITIONS = Object.keys(ACTD_SUBTYPES) as ActdCondition[];
export const CONDITIONS = [...ACTD_CONDITIONS, CALCINOSIS] as const;
export type Condition = ActdCondition | typeof CALCINOSIS;

/** Conditions whose `components` name the ACTDs whose features are present. */
export const CONDITIONS_WITH_COMPONENTS: readonly string[] = ['overlap_ctd', 'undifferentiated_ctd'];

export const CONFIRMATIONS = ['biopsy', 'radiography', 'ct', 'mri', 'ultrasonography', 'clinical'] as const;
export const IMAGING_CONFIRMATIONS: readonly string[] = ['radiography', 'ct', 'mri', 'ultrasonography'];

export const SITES = ['hands_feet', 'extremity', 'trunk', 'head'] as const;

export const INDICATIONS = ['calcinosis', 'actd'] as const;
export const CATEGORIES = ['medical', 'surgical'] as const;
export const CALCINOSIS_AGENTS = [
  'diltiazem',
  'amlodipine',
  'colchicine',
  'minocycline',
  'ivig',
  'etidronate',
  'alendronate',
  'warfarin',
  'intralesional_corticosteroid',
  'wound_debridement_acetic_acid',
  'acetic_acid_dressing',
  'silicone_dressing',
  'sevelamer',
  'methotrexate',
  'excision',
  'low_frequency_ultrasound',
] as const;
/** ACTD agents are open: any lower-case code. */
export const AGENT_CODE = /^[a-z][a-z0-9_]*$/;

export const GRADES = ['complete', 'partial', 'none', 'unknown'] as const;
/** Best first: complete > partial > none > unknown. */
export const GRADE_RANK: Record<Grade, number> = { complete: 3, partial: 2, none: 1, unknown: 0 };

export type Sex = (typeof SEXES)[number];
export type ResearchAuthorization = (typeof RESEARCH_AUTHORIZATIONS)[number];
export type TreatmentHistory = (typeof TREATMENT_HISTORIES)[number];
export type Confirmation = (typeof CONFIRMATIONS)[number];
export type Site = (typeof SITES)[number];
export type Indication = (typeof INDICATIONS)[number];
export type Category = (typeof CATEGORIES)[number];
export type Grade = (typeof GRADES)[number];
