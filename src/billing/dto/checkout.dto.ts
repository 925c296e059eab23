import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PAID_PLANS, type PaidPlan } from '../../plans/plans';

export class CheckoutDto {
  @ApiProperty({ enum: PAID_PLANS })
  @IsIn(PAID_PLANS)
  plan: PaidPlan;
}
