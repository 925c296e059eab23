import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';

export class CreateCommentDto {
  @ApiProperty({ example: 'I have reset the password; please try again.', minLength: 1, maxLength: 20_000 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 20_000)
  body: string;

  @ApiPropertyOptional({ default: false, description: 'Visible to the team only' })
  @IsOptional()
  @IsBoolean()
  internal?: boolean;
}
