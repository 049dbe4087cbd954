/**
 * Request bodies of the patient endpoints. Property initialisers are the defaults of optional fields,
 * so a validated DTO spread into a command is exactly the event payload.
 */
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmptyObject, IsObject } from 'class-validator';
import {
  CATEGORIES,
  CONDITIONS,
  CONFIRMATIONS,
  ACTD_CONDITIONS,
  GRADES,
  INDICATIONS,
  RESEARCH_AUTHORIZATIONS,
  SEXES,
  SITES,
  TREATMENT_HISTORIES,
  type Category,
  type Condition,
  type Confirmation,
  type Grade,
  type Indication,
  type ResearchAuthorization,
  type Sex,
  type Site,
  type TreatmentHistory,
} from '../patients/patient.vocabulary';
import {
  DateField,
  IdField,
  IdListField,
  OptionalBooleanField,
  OptionalNumberField,
  OptionalTextField,
  TermField,
  TermListField,
  TextField,
} from './dto.decorators';

export class EnrollPatientDto {
  @IdField("the registry's own identifier (opaque text)", 'MCC-1078') patientId: string;
  @TermField(SEXES, 'sex') sex: Sex;
  @DateField('date of birth', '1949-08-02') birthDate: string;
  @TermField(RESEARCH_AUTHORIZATIONS, 'denied: kept in the record, never in an analysis') researchAuthorization: ResearchAuthorization;
  @TermField(TREATMENT_HISTORIES, 'unknown: the record does not say how the calcinosis was treated') treatmentHistory: TreatmentHistory;
}

export class RecordDiagnosisDto {
  @IdField('unique within the patient', 'D1') diagnosisId: string;
  @TermField(CONDITIONS, 'an ACTD, or calcinosis_cutis') condition: Condition;
  @OptionalTextField('subtype of the condition (see the vocabulary); null where it has none', 100) subtype: string | null = null;
  @TermListField(ACTD_CONDITIONS, 'overlap / undifferentiated CTD: the ACTDs whose features are present') components: string[] = [];
  @DateField('date of diagnosis') diagnosedOn: string;
  @TermListField(CONFIRMATIONS, 'how the diagnosis was confirmed') confirmedBy: Confirmation[] = [];
}

export class RecordLesionOnsetDto {
  @IdField('unique within the patient', 'L1') lesionId: string;
  @TermField(SITES, 'anatomical site') site: Site;
  @DateField('date the lesion was first noted') onsetOn: string;
  @OptionalBooleanField('null: not recorded') ulcerated: boolean | null = null;
  @OptionalBooleanField('null: not recorded') painful: boolean | null = null;
}

export class StartTreatmentDto {
  @IdField('unique within the patient', 'T1') treatmentId: string;
  @TermField(INDICATIONS, 'what the course treats') indication: Indication;
  @TextField('calcinosis agents come from the vocabulary; ACTD agents are any lower-case code', 100) agent: string;
  @TermField(CATEGORIES, 'wound care counts as medical; excision and low_frequency_ultrasound are surgical') category: Category;
  @OptionalNumberField('null for procedures') dose: number | null = null;
  @OptionalTextField('mg/d, mg/wk, g/d, g/kg/mo, ...; null for procedures', 50) doseUnit: string | null = null;
  @DateField('first day of the course (a procedure: the day it was done)') startedOn: string;
  @IdListField('lesions the course targets; empty for all') lesionIds: string[] = [];
}

export class StopTreatmentDto {
  @DateField('last day of the course') stoppedOn: string;
  @OptionalTextField('why it was stopped') reason: string | null = null;
}

export class GradeResponseDto {
  @DateField('date of the assessment') assessedOn: string;
  @TermField(GRADES, 'complete, partial, none or unknown (see the seed study)') grade: Grade;
}

export class RecordContactDto {
  @DateField('a dated contact after which the patient was known to be alive') seenOn: string;
}

export class RecordDeathDto {
  @DateField('date of death') diedOn: string;
  @OptionalTextField('cause of death, if known') cause: string | null = null;
}

export class ChangeResearchAuthorizationDto {
  @TermField(RESEARCH_AUTHORIZATIONS, 'the new authorization') researchAuthorization: ResearchAuthorization;
  @TextField('why it changed') reason: string;
}

export class CorrectEntryDto {
  @IdField('the event id of the fact to correct', '3f1c...') eventId: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { site: 'trunk' }, description: 'field: corrected value' })
  @IsObject({ message: 'must be an object' })
  @IsNotEmptyObject({}, { message: 'must name at least one field' })
  changes: Record<string, unknown>;
  @TextField('why the entry was wrong') reason: string;
}

export class RetractEntryDto {
  @IdField('the event id of the fact to retract', '3f1c...') eventId: string;
  @TextField('why the entry should never have been recorded') reason: string;
}
