import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiClientEntity } from './api-clients/api-client.entity';
import { ApiClientsService } from './api-clients/api-clients.service';
import { SecretCheckSlots } from './api-clients/secret-check-slots';
import { CredentialAttemptsLimiter } from './credential-attempts.limiter';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { PermissionsGuard } from './permissions.guard';
import { TokenController } from './token.controller';

/** Tokens in (JWT strategy, client credentials) and the guards AppModule installs globally. */
@Module({
  imports: [PassportModule, TypeOrmModule.forFeature([ApiClientEntity])],
  controllers: [TokenController],
  providers: [
    JwtStrategy,
    ApiClientsService,
    CredentialAttemptsLimiter,
    SecretCheckSlots,
    JwtAuthGuard,
    PermissionsGuard,
  ],
  exports: [ApiClientsService, JwtAuthGuard, PermissionsGuard],
})
export class AuthModule {}
