import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditModule } from '../../audit/audit.module';
import { ResourceHeadersInterceptor } from '../concurrency/resource-headers.interceptor';
import { TimeZoneInterceptor } from '../http/time-zone.interceptor';
import { XmlInterceptor } from '../http/xml.interceptor';
import { PatchPipeline } from '../patch/patch-pipeline.service';
import { SelectInterceptor } from '../select/select.interceptor';
import { ResourceService } from './resource.service';

/**
 * The shared machinery resource modules build on: the write pipeline, the generic endpoints,
 * and the response interceptors.
 */
@Global()
@Module({
  imports: [AuditModule],
  providers: [
    PatchPipeline,
    ResourceService,
    // Outermost first; responses pass them in reverse: $select, Time-Zone, headers/Prefer, XML.
    { provide: APP_INTERCEPTOR, useClass: XmlInterceptor },
    { provide: APP_INTERCEPTOR, useClass: ResourceHeadersInterceptor },
    { provide: APP_INTERCEPTOR, useClass: TimeZoneInterceptor },
    { provide: APP_INTERCEPTOR, useClass: SelectInterceptor },
  ],
  exports: [PatchPipeline, ResourceService],
})
export class ResourcePipelineModule {}
