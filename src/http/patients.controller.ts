/**
 * The write and read endpoints of patient streams. Each handler only translates HTTP into a command
 * or query message; validation happened in the pipe, decisions happen in the decider.
 */
import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandResult } from '../shared/handleCommand';
import { DomainError } from '../shared/domain.error';
import { identifier } from '../patients/patient.payloads';
import { CurrentUser, Roles, type Identity } from '../auth/identity';
import {
  ChangeResearchAuthorizationDto,
  CorrectEntryDto,
  EnrollPatientDto,
  GradeResponseDto,
  RecordContactDto,
  RecordDeathDto,
  RecordDiagnosisDto,
  RecordLesionOnsetDto,
  RetractEntryDto,
  StartTreatmentDto,
  StopTreatmentDto,
} from './patient.dtos';
import { PatientCommandMessage, type UnstampedCommand } from './patientCommand.handler';
import { GetPatientEventsQuery, GetPatientHistoryQuery, GetPatientQuery } from './patientQueries.handler';
import { ListPatientsQuery } from './patientList.readModel';

function checkedId(name: string, value: string): string {
  const problem = identifier(value);
  if (problem) throw DomainError.invalid([{ field: name, reason: problem }]);
  return value;
}

function expectedRevisionOf(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined) return undefined;
  const value = ifMatch.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
  if (!/^\d+$/.test(value)) throw DomainError.invalid([{ field: 'If-Match', reason: 'must be the revision number the client last saw' }]);
  return Number(value);
}

function idempotencyKeyOf(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (key.length === 0 || key.length > 200) throw DomainError.invalid([{ field: 'Idempotency-Key', reason: 'must be 1 to 200 characters' }]);
  return key;
}

@ApiTags('patients')
@Roles('recorder')
@ApiHeader({ name: 'If-Match', required: false, description: 'the revision you last saw; a stale one answers 409 and writes nothing' })
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retried request with the same key returns the first answer and appends nothing' })
@Controller('patients')
export class PatientsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Enrol a patient (PatientEnrolled)' })
  enroll(@Body() body: EnrollPatientDto, @Headers() headers: Record<string, string>, @CurrentUser() identity: Identity, @Res({ passthrough: true }) res: Response) {
    return this.send(body.patientId, { type: 'EnrollPatient', data: { ...body } }, headers, identity, res);
  }

  @Post(':id/diagnoses')
  @ApiOperation({ summary: 'Record a diagnosis: an ACTD or the calcinosis cutis (DiagnosisRecorded)' })
  diagnose(@Param('id') id: string, @Body() body: RecordDiagnosisDto, @Headers() headers: Record<string, string>, @CurrentUser() identity: Identity, @Res({ passthrough: true }) res: Response) {
    return this.send(id, { type: 'RecordDiagnosis', data: { ...body } }, headers, identity, res);
  }

  @Post(':id/lesions')
  @ApiOperation({ summary: 'Record the onset of a calcinosis lesion (LesionOnsetRecorded)' })
  lesion(@Param('id') id: string, @Body() body: RecordLesionOnsetDto, @Headers() headers: Record<string, string>, @CurrentUser() identity: Identity, @Res({ passthrough: true }) res: Response) {
    return this.send(id, { type: 'RecordLesionOnset', data: { ...body } }, headers, identity, res);
  }

  @Post(':id/treatments')
  @ApiOperation({ summary: 'Start a course of treatment (TreatmentStarted)' })
  startTreatment(@Param('id') id: string, @Body() body: StartTreatmentDto, @Headers() headers: Record<string, string>, @CurrentUser() identity: Identity, @Res({ passthrough: true }) res: Response) {
    return this.send(id, { type: 'StartTreatment', data: { ...body } }, headers, identity, res);
  }

  @Post(':id/treatments/:treatmentId/stop')
  @ApiOperation({ summary: 'Stop a course (TreatmentStopped)' })
  stopTreatment(
    @Param('id') id: string,
    @Param('treatmentId') treatmentId: string,
    @Body() body: StopTreatmentDto,
    @Headers() headers: Record<string, string>,
    @CurrentUser() identity: Identity,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.send(id, { type: 'StopTreatment', data: { treatmentId: checkedId('treatmentId', treatmentId), ...body } }, headers, identity, res);
  }

  @Post(':id/treatments/:treatmentId/responses')
  @ApiOperation({ summary: 'Grade the response of a course (ResponseGraded)' })
  gradeResponse(
    @Param('id') id: string,
    @Param('treatmentId') treatmentId: string,
    @Body() body: GradeResponseDto,
    @Headers() headers: Record<string, string>,
    @CurrentUser() identity: Identity,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.send(id, { type: 'GradeResponse', data: { treatmentId: checkedId('treatmentId', treatmentId), ...body } }, headers, identity, res);
  }

  @Post(':id/contacts')
  @ApiOperation({ summary: 'Record a contact after which the patient was known alive (ContactRecorded)' })
  contact(@Param('id') id: string, @Body() body: RecordContactDto, @Headers() headers: Record<string, string>, @CurrentUser() identity: Identity, @Res({ passthrough: true }) res: Response) {
    return this.send(id, { type: 'RecordContact', data: { ...body } }, headers, identity, res);
  }

  @Post(':id/death')
  @ApiOperation({ summary: 'Record the death (DeathRecorded)' })
  death(@Param('id') id: string, @Body() body: RecordDeathDto, @Headers() headers: Record<string, string>, @CurrentUser() identity: Identity, @Res({ passthrough: true }) res: Response) {
    return this.send(id, { type: 'RecordDeath', data: { ...body } }, headers, identity, res);
  }

  @Post(':id/research-authorization')
  @ApiOperation({ summary: 'Grant or deny research authorization (ResearchAuthorizationChanged)' })
  authorization(@Param('id') id: string, @Body() body: ChangeResearchAuthorizationDto, @Headers() headers: Record<string, string>, @CurrentUser() identity: Identity, @Res({ passthrough: true }) res: Response) {
    return this.send(id, { type: 'ChangeResearchAuthorization', data: { ...body } }, headers, identity, res);
  }

  @Post(':id/corrections')
  @ApiOperation({ summary: 'Correct fields of an earlier fact, with a reason (EntryCorrected)' })
  correct(@Param('id') id: string, @Body() body: CorrectEntryDto, @Headers() headers: Record<string, string>, @CurrentUser() identity: Identity, @Res({ passthrough: true }) res: Response) {
    return this.send(id, { type: 'CorrectEntry', data: { ...body } }, headers, identity, res);
  }

  @Post(':id/retractions')
  @ApiOperation({ summary: 'Retract an earlier fact, with a reason (EntryRetracted)' })
  retract(@Param('id') id: string, @Body() body: RetractEntryDto, @Headers() headers: Record<string, string>, @CurrentUser() identity: Identity, @Res({ passthrough: true }) res: Response) {
    return this.send(id, { type: 'RetractEntry', data: { ...body } }, headers, identity, res);
  }

  @Get()
  @Roles('recorder', 'auditor')
  @ApiOperation({ summary: 'List patients, paged, in order of enrolment' })
  @ApiQuery({ name: 'offset', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1-500, default 50' })
  list(@Query('offset') offset?: string, @Query('limit') limit?: string) {
    return this.queryBus.execute(new ListPatientsQuery(pageNumber('offset', offset, 0, Number.MAX_SAFE_INTEGER), pageNumber('limit', limit, 1, 500, 50)));
  }

  @Get(':id')
  @Roles('recorder', 'auditor')
  @ApiOperation({ summary: 'The patient as the record stands now (corrections applied)' })
  async get(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const patient = await this.queryBus.execute(new GetPatientQuery(checkedId('id', id)));
    res.setHeader('ETag', `"${patient.revision}"`);
    return patient;
  }

  @Get(':id/events')
  @Roles('recorder', 'auditor')
  @ApiOperation({ summary: 'The raw stream: every event with its envelope' })
  events(@Param('id') id: string) {
    return this.queryBus.execute(new GetPatientEventsQuery(checkedId('id', id)));
  }

  @Get(':id/history')
  @Roles('recorder', 'auditor')
  @ApiOperation({ summary: 'Every event in words: who, when, corrected values before and after with the reason, and the state after' })
  history(@Param('id') id: string) {
    return this.queryBus.execute(new GetPatientHistoryQuery(checkedId('id', id)));
  }

  private async send(id: string, command: UnstampedCommand, headers: Record<string, string>, identity: Identity, res: Response) {
    const patientId = checkedId('id', id);
    const message = new PatientCommandMessage(patientId, [command], {
      recordedBy: identity.userName,
      expectedRevision: expectedRevisionOf(headers['if-match']),
      idempotencyKey: idempotencyKeyOf(headers['idempotency-key']),
    });
    const result: CommandResult = await this.commandBus.execute(message);
    res.setHeader('ETag', `"${result.revision}"`);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return { patientId, revision: result.revision, position: result.position, eventIds: result.eventIds };
  }
}

function pageNumber(field: string, value: string | undefined, min: number, max: number, fallback = min): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw DomainError.invalid([{ field, reason: `must be a whole number from ${min} to ${max}` }]);
  return n;
}
