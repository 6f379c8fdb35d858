import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { IsString, MaxLength } from 'class-validator';
import { RequireRole, RequireScope } from '../../src/auth/auth.decorators';

class ProbeBody {
  @IsString()
  @MaxLength(5)
  name!: string;
}

/**
 * Routes mounted on the real app by the cross-cutting tests, to exercise guards, validation
 * and the 500 path before any resource module exists to carry them.
 */
@Controller('probe')
class ProbeController {
  @Get('scoped')
  @RequireScope('customers:read')
  scoped() {
    return { ok: true };
  }

  @Get('admins')
  @RequireRole('admin', 'superadmin')
  admins() {
    return { ok: true };
  }

  @Post('validated')
  validated(@Body() body: ProbeBody) {
    return body;
  }

  @Get('boom')
  boom(): never {
    throw new Error('internal detail: SELECT secret FROM other_tenant');
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
