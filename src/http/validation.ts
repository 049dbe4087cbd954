/** The request validation pipe: unknown fields and wrong types are refused, each named with its reason. */
import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, type FieldProblem } from '../shared/domain.error';

function problems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix + error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      reason: rule === 'whitelistValidation' ? 'is not a field of this request' : message.replace(new RegExp(`^${error.property} `), ''),
    }));
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
