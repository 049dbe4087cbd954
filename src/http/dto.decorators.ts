/**
 * Field decorators for request DTOs: each one validates (class-validator) and documents (OpenAPI)
 * a kind of field at once, with the vocabulary and date rules of the functional core.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsDefined, IsIn, IsNotEmpty, IsNumber, IsOptional, IsString, MaxLength, Min, ValidateBy } from 'class-validator';
import { isIsoDate } from '../shared/dates';
import { identifier } from '../patients/patient.payloads';

const IsCalendarDate = () =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: { validate: (v) => isIsoDate(v), defaultMessage: () => 'must be a real calendar date in YYYY-MM-DD form' },
  });

const Required = () => IsDefined({ message: 'is required' });

const IsIdentifier = () =>
  ValidateBy({
    name: 'isIdentifier',
    validator: { validate: (v) => identifier(v) === null, defaultMessage: (args) => identifier(args?.value) ?? '' },
  });

export const IdField = (description: string, example: string) =>
  applyDecorators(ApiProperty({ description, example }), Required(), IsIdentifier());

export const DateField = (description: string, example = '2004-05-17') =>
  applyDecorators(ApiProperty({ description, example, type: String, format: 'date' }), Required(), IsCalendarDate());

export const TermField = (terms: readonly string[], description: string) =>
  applyDecorators(ApiProperty({ enum: terms, description }), Required(), IsIn(terms as string[], { message: `must be one of ${terms.join(', ')}` }));

export const OptionalTermField = (terms: readonly string[], description: string) =>
  applyDecorators(
    ApiPropertyOptional({ enum: terms, nullable: true, description }),
    IsOptional(),
    IsIn(terms as string[], { message: `must be one of ${terms.join(', ')}` }),
  );

export const TermListField = (terms: readonly string[], description: string) =>
  applyDecorators(
    ApiPropertyOptional({ enum: terms, isArray: true, description, default: [] }),
    IsOptional(),
    IsArray({ message: 'must be an array' }),
    IsIn(terms as string[], { each: true, message: `must contain only ${terms.join(', ')}` }),
  );

export const IdListField = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], description, default: [] }),
    IsOptional(),
    IsArray({ message: 'must be an array' }),
    IsString({ each: true, message: 'must contain only strings' }),
  );

export const OptionalTextField = (description: string, maxLength = 2000) =>
  applyDecorators(
    ApiPropertyOptional({ type: String, nullable: true, description, maxLength }),
    IsOptional(),
    IsString({ message: 'must be a string' }),
    IsNotEmpty({ message: 'must not be empty (leave it out instead)' }),
    MaxLength(maxLength, { message: `must be at most ${maxLength} characters` }),
  );

export const TextField = (description: string, maxLength = 2000) =>
  applyDecorators(
    ApiProperty({ type: String, description, maxLength }),
    Required(),
    IsString({ message: 'must be a string' }),
    IsNotEmpty({ message: 'must not be empty' }),
    MaxLength(maxLength, { message: `must be at most ${maxLength} characters` }),
  );

export const OptionalBooleanField = (description: string) =>
  applyDecorators(ApiPropertyOptional({ type: Boolean, nullable: true, description }), IsOptional(), IsBoolean({ message: 'must be true or false' }));

export const OptionalNumberField = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: Number, nullable: true, description, minimum: 0 }),
    IsOptional(),
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' }),
    Min(0, { message: 'must be >= 0' }),
  );
