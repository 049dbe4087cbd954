/**
 * The few FHIR R4 data types the mapping writes, typed loosely on purpose: the official JSON schema
 * (checked in the tests) is the judge of their shape, not a hand-copied type library.
 */
export interface Coding {
  system: string;
  code: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Reference {
  reference?: string;
  display?: string;
  identifier?: { system: string; value: string };
}

export interface Extension {
  url: string;
  valueCode?: string;
  valueString?: string;
  valueBoolean?: boolean;
  valueQuantity?: Quantity;
}

export interface Quantity {
  value?: number;
  unit?: string;
}

/** Any resource: its type and id, and its elements. */
export interface FhirResource {
  resourceType: string;
  id: string;
  [element: string]: unknown;
}

export const referenceTo = (resource: Pick<FhirResource, 'resourceType' | 'id'>): string => `${resource.resourceType}/${resource.id}`;

export interface FhirBundle {
  resourceType: 'Bundle';
  type: string;
  entry: { resource: FhirResource; [element: string]: unknown }[];
  [element: string]: unknown;
}
