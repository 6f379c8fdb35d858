import { Body, Controller, Get, Headers, HttpCode, Inject, Ip, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.provider';
import { ApiCommonResponses, ApiPublicOperation, HEADERS, problem } from '../common/http/api-common-responses.decorator';
import { ProblemException } from '../common/http/problem.exception';
import { resolveTenantScope } from '../tenancy/tenant-scope';
import { Actor } from './actor';
import { ApiClientsService } from './api-clients/api-clients.service';
import { SecretCheckSlots } from './api-clients/secret-check-slots';
import { CurrentActor, Public } from './auth.decorators';
import { CredentialAttemptsLimiter } from './credential-attempts.limiter';
import { TokenRequestDto, TokenResponseDto, WhoAmIDto } from './dto/token.dto';
import { signAccessToken } from './token-signer';

/** RFC 6749 §5.2 error, carried as extension members of a problem document. */
function oauthError(status: 400 | 401, error: string, description: string): ProblemException {
  return new ProblemException({
    status,
    detail: description,
    extensions: { error, error_description: description },
    headers: status === 401 ? { 'WWW-Authenticate': 'Bearer realm="api"', 'Cache-Control': 'no-store' } : { 'Cache-Control': 'no-store' },
  });
}

/** Longest client id or secret read from a request; longer ones are no credentials of ours. */
const MAX_CREDENTIAL_LENGTH = 500;

/**
 * The form is read by hand, not by the global ValidationPipe: RFC 6749 §3.2 says unknown
 * parameters are ignored, while everywhere else unknown fields are refused.
 */
function tokenForm(body: unknown): Partial<Record<keyof TokenRequestDto, string>> {
  if (typeof body !== 'object' || body === null) return {};
  const field = (name: keyof TokenRequestDto) => {
    const value = (body as Record<string, unknown>)[name];
    return typeof value === 'string' && value.length > 0 && value.length <= MAX_CREDENTIAL_LENGTH ? value : undefined;
  };
  return {
    grant_type: field('grant_type'),
    client_id: field('client_id'),
    client_secret: field('client_secret'),
    scope: field('scope'),
  };
}

/**
 * RFC 6749 §2.3.1: client credentials may also come as HTTP Basic, each part form-encoded.
 * Undecodable or overlong parts count as absent (401), never as a server error.
 */
function basicCredentials(header: string | undefined): { id?: string; secret?: string } {
  if (!header?.startsWith('Basic ')) return {};
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return {};
  try {
    const id = decodeURIComponent(decoded.slice(0, colon));
    const secret = decodeURIComponent(decoded.slice(colon + 1));
    return id.length <= MAX_CREDENTIAL_LENGTH && secret.length <= MAX_CREDENTIAL_LENGTH ? { id, secret } : {};
  } catch {
    return {};
  }
}

@ApiTags('auth')
@Controller('auth')
export class TokenController {
  constructor(
    private readonly clients: ApiClientsService,
    private readonly attempts: CredentialAttemptsLimiter,
    private readonly secretChecks: SecretCheckSlots,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  @ApiCommonResponses({ access: 'public' })
  @ApiPublicOperation({
    summary: 'OAuth 2.0 client credentials grant (RFC 6749 §4.4)',
    description:
      'Partner integrations exchange their client id and secret (form or JSON body, or HTTP Basic) for a bearer token. ' +
      'Errors follow RFC 6749 §5.2 (`error`, `error_description`) inside an RFC 9457 problem.',
  })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({
    type: TokenRequestDto,
    examples: { clientCredentials: { value: { grant_type: 'client_credentials', client_id: '3f1c2d9e-8a4b-4c6d-9e0f-1a2b3c4d5e6f', client_secret: 's3cret' } } },
  })
  @ApiResponse({ status: 200, type: TokenResponseDto, headers: { 'Cache-Control': { description: '`no-store`', schema: { type: 'string' } } } })
  @problem(400, 'invalid_request, unsupported_grant_type or invalid_scope (`error`, `error_description`)')
  @problem(401, 'invalid_client', { 'WWW-Authenticate': HEADERS.wwwAuthenticate })
  @problem(415, 'Neither a form nor JSON')
  @problem(429, 'Too many failed attempts for this client_id or from this IP, refused before any secret is hashed', { 'Retry-After': HEADERS.retryAfter })
  @problem(503, 'The database is unavailable, or too many secret checks are waiting', { 'Retry-After': HEADERS.retryAfter })
  async token(
    @Body() body: unknown,
    @Headers('authorization') authorization: string | undefined,
    @Ip() ip: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenResponseDto> {
    const form = tokenForm(body);
    if (!form.grant_type) throw oauthError(400, 'invalid_request', 'grant_type is required.');
    if (form.grant_type !== 'client_credentials') {
      throw oauthError(400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported.');
    }
    const basic = basicCredentials(authorization);
    const clientId = form.client_id ?? basic.id;
    const clientSecret = form.client_secret ?? basic.secret;
    if (!clientId || !clientSecret) throw oauthError(401, 'invalid_client', 'Client authentication failed.');

    // Limited before the secret is hashed: each check costs ~16 MiB and tens of ms of scrypt.
    const client = await this.attempts.attempt(clientId, ip, () =>
      this.secretChecks.run(() => this.clients.authenticate(clientId, clientSecret)),
    );
    if (!client) throw oauthError(401, 'invalid_client', 'Client authentication failed.');

    const granted = client.scope.split(' ').filter(Boolean);
    const requested = form.scope ? form.scope.split(' ').filter(Boolean) : granted;
    if (requested.some((scope) => !granted.includes(scope))) {
      throw oauthError(400, 'invalid_scope', 'The requested scope exceeds the scope granted to the client.');
    }
    const scope = requested.join(' ');
    const accessToken = signAccessToken(this.config.jwt, {
      sub: `client:${client.clientId}`,
      companyId: client.companyId,
      role: client.role as Actor['role'],
      scope,
      extraClaims: { client_id: client.clientId },
    });
    void reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache');
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: this.config.jwt.accessTokenTtlSeconds,
      scope,
    };
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiCommonResponses({ access: 'token', database: false })
  @ApiQuery({ name: 'companyId', required: false, schema: { type: 'string', format: 'uuid' }, description: 'The company to act on (§1.2)' })
  @problem(404, 'A ?companyId= the caller may not act on')
  @ApiOperation({
    summary: 'The caller as the service sees it',
    description: 'Echoes the verified token claims and the company this call would act on (`?companyId=`, §1.2).',
  })
  @ApiResponse({ status: 200, type: WhoAmIDto })
  whoAmI(@CurrentActor() actor: Actor, @Query('companyId') companyId?: string): WhoAmIDto {
    const scope = resolveTenantScope(actor, companyId);
    return {
      sub: actor.sub,
      role: actor.role,
      companyId: actor.companyId,
      scopes: [...actor.scopes],
      effectiveCompanyId: scope.companyId,
    };
  }
}
