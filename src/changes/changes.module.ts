import { Module } from '@nestjs/common';
import { ChangeFeedService } from './change-feed.service';
import { ChangesController } from './changes.controller';

/** The change feed (API.md §5), read from the audit log. */
@Module({ controllers: [ChangesController], providers: [ChangeFeedService] })
export class ChangesModule {}
