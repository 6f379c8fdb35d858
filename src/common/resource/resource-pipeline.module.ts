import { Global, Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { PatchPipeline } from '../patch/patch-pipeline.service';
import { ResourceService } from './resource.service';

/** The shared machinery resource modules build on: the write pipeline and the generic endpoints. */
@Global()
@Module({
  imports: [AuditModule],
  providers: [PatchPipeline, ResourceService],
  exports: [PatchPipeline, ResourceService],
})
export class ResourcePipelineModule {}
