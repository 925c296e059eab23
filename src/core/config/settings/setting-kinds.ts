import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';

/** What every settings group extends: a group is a mixin, so AppConfig stays one flat, validated object. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeScript's mixin pattern requires `any[]`
export type SettingsBase = new (...args: any[]) => object;

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

// Each kind applies its rules in the order the stacked decorators it replaces ran, so boot
// messages list them as before.

/** A whole number from `min` to `max` (no upper bound when omitted), parsed from its env string. */
export const IntSetting = (min: number, max?: number): PropertyDecorator =>
  applyDecorators(...(max === undefined ? [] : [Max(max)]), Min(min), IsInt(), Transform(toInt));

/** An absolute URL with one of `protocols`; host names need no top-level domain. */
export const UrlSetting = (...protocols: string[]): PropertyDecorator =>
  IsUrl({ protocols, require_tld: false, require_protocol: true });

/** A string of at least `min` characters; `message` replaces the length rule's own. */
export const TextSetting = (min = 1, message?: string): PropertyDecorator =>
  applyDecorators(MinLength(min, message === undefined ? undefined : { message }), IsString());

/** A secret that may be unset, at least `min` characters long when set. */
export const OptionalSecret = (name: string, min: number): PropertyDecorator =>
  applyDecorators(TextSetting(min, `${name} must be at least ${min} characters`), IsOptional());

/** `true` or `false`. */
export const FlagSetting = (): PropertyDecorator => applyDecorators(IsBoolean(), Transform(toBoolean));
