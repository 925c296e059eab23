import { Module } from '@nestjs/common';
import { UnconfirmedSignupSweeper } from './unconfirmed-signup-sweeper';

/** The worker's side of signup: removing organizations whose signup was never confirmed. */
@Module({ providers: [UnconfirmedSignupSweeper] })
export class SignupSweepModule {}
