import { Global, Module } from '@nestjs/common';
import { IdempotencyService } from './idempotency.service';

/** Global: ResourceService runs its @Idempotent writes through IdempotencyService.write. */
@Global()
@Module({ providers: [IdempotencyService], exports: [IdempotencyService] })
export class IdempotencyModule {}
