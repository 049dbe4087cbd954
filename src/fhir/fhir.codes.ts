/**
 * The FHIR mapping table as data: which standard code (SNOMED CT, ICD-10, RxNorm) stands for each
 * local term, and the systems and extension URLs of our own. docs/fhir-mapping.md is the readable
 * twin of this file. A standard code is listed only where we are confident it means the local term;
 * every other term travels with its local coding alone, and every resource always carries the local
 * coding too, so nothing depends on a standard code for the way back (import).
 */
import type { Coding } from './fhir.types';

export const FHIR_BASE = 'https://cohort-chronicle.example/fhir';
const cs = (name: string) => `${FHIR_BASE}/CodeSystem/${name}`;
const id = (name: string) => `${FHIR_BASE}/NamingSystem/${name}`;
const ext = (name: string) => `${FHIR_BASE}/StructureDefinition/${name}`;

export const SNOMED = 'http://snomed.info/sct';
export const ICD10 = 'http://hl7.org/fhir/sid/icd-10';
export const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
export const CONDITION_VER_STATUS = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
export const DATA_OPERATION = 'http://terminology.hl7.org/CodeSystem/v3-DataOperation';

/** Our own code systems: the local terms of shared/spec/cohort-csv.md, code = the term itself. */
export const LOCAL = {
  condition: cs('condition'),
  subtype: cs('condition-subtype'),
  confirmation: cs('confirmation'),
  lesion: cs('lesion'),
  site: cs('site'),
  agent: cs('agent'),
  indication: cs('indication'),
  observation: cs('observation'),
  grade: cs('response-grade'),
  encounterClass: cs('contact-class'),
} as const;

/** Identifier systems: the registry's own ids. */
export const IDENTIFIER = {
  patient: id('patient-id'),
  diagnosis: id('diagnosis-id'),
  lesion: id('lesion-id'),
  treatment: id('treatment-id'),
  user: id('user-name'),
} as const;

/** Extensions for facts that FHIR R4 has no element for. */
export const EXTENSION = {
  researchAuthorization: ext('research-authorization'),
  treatmentHistory: ext('treatment-history'),
  causeOfDeath: ext('cause-of-death'),
  subtype: ext('condition-subtype'),
  component: ext('condition-component'),
  ulcerated: ext('lesion-ulcerated'),
  painful: ext('lesion-painful'),
  dose: ext('treatment-dose'),
} as const;

export const LESION_CODE = 'calcinosis_cutis_lesion';
export const RESPONSE_CODE = 'treatment-response';
export const CONTACT_CODE = 'contact';

const sct = (code: string, display: string): Coding => ({ system: SNOMED, code, display });
const icd = (code: string, display: string): Coding => ({ system: ICD10, code, display });
const rx = (code: string, display: string): Coding => ({ system: RXNORM, code, display });

/** Conditions (ACTD and calcinosis cutis): SNOMED CT and ICD-10 where confident; absent: local only. */
export const CONDITION_CODES: Record<string, Coding[]> = {
  dermatomyositis: [sct('396230008', 'Dermatomyositis'), icd('M33.1', 'Other dermatomyositis')],
  polymyositis: [sct('31384009', 'Polymyositis'), icd('M33.2', 'Polymyositis')],
  systemic_sclerosis: [sct('89155008', 'Systemic sclerosis'), icd('M34.9', 'Systemic sclerosis, unspecified')],
  sle: [sct('55464009', 'Systemic lupus erythematosus'), icd('M32.9', 'Systemic lupus erythematosus, unspecified')],
  rheumatoid_arthritis: [sct('69896004', 'Rheumatoid arthritis'), icd('M06.9', 'Rheumatoid arthritis, unspecified')],
  lupus_panniculitis: [icd('L93.2', 'Other local lupus erythematosus')],
  mixed_ctd: [icd('M35.1', 'Other overlap syndromes')],
  overlap_ctd: [icd('M35.1', 'Other overlap syndromes')],
  undifferentiated_ctd: [],
  calcinosis_cutis: [icd('L94.2', 'Calcinosis cutis')],
};

/** A subtype with a code of its own in a standard system replaces the condition's ICD-10 code. */
export const SUBTYPE_ICD10: Record<string, Coding> = {
  juvenile: icd('M33.0', 'Juvenile dermatomyositis'),
};

export const CONFIRMATION_CODES: Record<string, Coding[]> = {
  biopsy: [sct('86273004', 'Biopsy')],
  ct: [sct('77477000', 'Computerized axial tomography')],
  mri: [sct('113091000', 'Magnetic resonance imaging')],
  radiography: [],
  ultrasonography: [],
  clinical: [],
};

export const SITE_CODES: Record<string, Coding[]> = {
  trunk: [sct('22943007', 'Trunk structure')],
  head: [sct('69536005', 'Head structure')],
  // hands and feet together, and limbs with buttocks, have no single SNOMED CT body structure we know of
  hands_feet: [],
  extremity: [],
};

/** Agents: RxNorm ingredients for single drugs, SNOMED CT for a procedure; absent: local only. */
export const AGENT_CODES: Record<string, Coding[]> = {
  diltiazem: [rx('3443', 'diltiazem')],
  amlodipine: [rx('17767', 'amlodipine')],
  colchicine: [rx('2683', 'colchicine')],
  minocycline: [rx('6980', 'minocycline')],
  alendronate: [rx('46041', 'alendronate')],
  warfarin: [rx('11289', 'warfarin')],
  methotrexate: [rx('6851', 'methotrexate')],
  prednisone: [rx('8640', 'prednisone')],
  hydroxychloroquine: [rx('5521', 'hydroxychloroquine')],
  azathioprine: [rx('1256', 'azathioprine')],
  cyclophosphamide: [rx('3002', 'cyclophosphamide')],
  rituximab: [rx('121191', 'rituximab')],
  excision: [sct('65801008', 'Excision')],
};

/** The codings of a local term: the standard ones of the table, then the local one (always). */
export function codings(table: Record<string, Coding[]>, localSystem: string, term: string): Coding[] {
  return [...(table[term] ?? []), { system: localSystem, code: term }];
}

export type Lookup = { term: string } | { problem: string };

/**
 * The local term a CodeableConcept's codings stand for: the local coding when there is one, else a
 * standard coding that the table maps to exactly one term (ICD-10 M35.1 is both mixed and overlap CTD,
 * so it alone maps to neither). `open`: any local code is a term (ACTD agents are an open list).
 */
export function termOf(table: Record<string, Coding[]>, localSystem: string, given: unknown, open = false): Lookup {
  const list = Array.isArray(given) ? (given as Coding[]) : [];
  const local = list.find((c) => c?.system === localSystem);
  if (local) {
    return typeof local.code === 'string' && (open || local.code in table) ? { term: local.code } : { problem: `${String(local.code)} is not a code of ${localSystem}` };
  }
  for (const coding of list) {
    const terms = Object.keys(table).filter((term) => table[term].some((c) => c.system === coding?.system && c.code === coding?.code));
    if (terms.length === 1) return { term: terms[0] };
  }
  const seen = list.map((c) => `${c?.system}|${c?.code}`).join(', ') || 'no coding';
  return { problem: `unmapped code (${seen}): give a coding of ${localSystem} or a standard code listed in docs/fhir-mapping.md` };
}
