/** The request validation pipe: unknown fields and wrong types are refused, each named with its reason. */
import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, type FieldProblem } from '../shared/domain.error';

function problems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix + error.property;
    const constraints = error.constraints ?? {};
    // A missing field fails every check of its field; saying it is required is the one useful reason.
    const messages = constraints.isDefined
      ? [constraints.isDefined]
      : Object.entries(constraints).map(([rule, message]) => (rule === 'whitelistValidation' ? 'is not a field of this request' : message));
    const own = messages.length ? [{ field, reason: [...new Set(messages)].join('; ') }] : [];
    return [...own, ...problems(error.children ?? [], `${field}.`)];
  });
}

export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => DomainError.invalid(problems(errors)),
});
