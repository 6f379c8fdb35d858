import { EntityManager } from 'typeorm';
import { ResourceResponse } from '../common/resource/resource-response';

/** A request's hold on its Idempotency-Key, from the claim until it completes or is released. */
export interface IdempotencyClaim {
  /** Stores the answer in the write's transaction; throws (rolling the write back) when the claim was taken over. */
  complete(manager: EntityManager, answer: ResourceResponse): Promise<void>;
}
