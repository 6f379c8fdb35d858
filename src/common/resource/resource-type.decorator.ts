import { SetMetadata, Type } from '@nestjs/common';

export const RESOURCE_TYPE = 'resource:type';

/** Names the resource class a controller serves, for $select and the response pipeline. */
export const ResourceType = (type: Type) => SetMetadata(RESOURCE_TYPE, type);
