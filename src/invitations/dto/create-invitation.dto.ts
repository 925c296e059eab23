import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { EmailAddress } from '../../auth/dto/credentials.dto';
import { DELEGABLE_ROLES, type DelegableRole } from '../../access/roles';

export class CreateInvitationDto {
  @EmailAddress() email: string;

  @ApiProperty({ enum: DELEGABLE_ROLES })
  @IsIn(DELEGABLE_ROLES)
  role: DelegableRole;
}
