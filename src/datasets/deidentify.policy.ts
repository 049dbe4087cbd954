/**
 * Which rows a caller gets. With identified access (the user flag for those under the registry's data
 * use terms) they get what they ask: identified rows by default, Safe Harbor or a limited data set on
 * request. Without it every dataset is Safe Harbor, asked or not (as before limited data sets), and a
 * limited data set is refused: its dates are full dates, only shifted, which Safe Harbor does not allow
 * (HIPAA releases a limited data set only under a data use agreement); answering Safe Harbor rows
 * instead would hand over a different dataset than the one asked for.
 */
import type { Identity } from '../auth/identity';
import { DomainError } from '../shared/domain.error';
import type { DeidentifyMode } from '../../projections/deidentify.modes';

export function deidentificationFor(identity: Pick<Identity, 'identifiedAccess'>, asked: DeidentifyMode | undefined): DeidentifyMode | undefined {
  if (identity.identifiedAccess) return asked;
  if (asked === 'limited-data-set') {
    throw new DomainError('forbidden', 'a limited data set holds full (shifted) dates: it needs identified access; without it datasets come de-identified by Safe Harbor (deidentify=safe-harbor)');
  }
  return 'safe-harbor';
}
