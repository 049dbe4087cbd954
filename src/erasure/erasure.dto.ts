/** The body of POST /patients/:id/erasure. */
import { ERASURE_MODES, type ErasureMode } from '../patients/patient.erasure';
import { TermField, TextField } from '../http/dto.decorators';

export class EraseIdentityDto {
  @TermField(ERASURE_MODES, 'anonymous: the facts stay in datasets under an anonymous id; exclude: the patient leaves every dataset')
  mode: ErasureMode;
  @TextField('why (kept sealed with the patient key, so unreadable after the erasure; keep the request itself elsewhere)', 500)
  reason: string;
}
