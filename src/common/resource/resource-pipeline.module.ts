import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditModule } from '../../audit/audit.module';
import { PatchPipeline } from '../patch/patch-pipeline.service';
import { ResourceService } from './resource.service';
import { ResponseShapingInterceptor } from './response-shaping.interceptor';

/**
 * The shared machinery resource modules build on: the write pipeline, the generic endpoints,
 * and the interceptor that shapes every answer.
 */
@Global()
@Module({
  imports: [AuditModule],
  providers: [
    PatchPipeline,
    ResourceService,
    { provide: APP_INTERCEPTOR, useClass: ResponseShapingInterceptor },
  ],
  exports: [PatchPipeline, ResourceService],
})
export class ResourcePipelineModule {}
