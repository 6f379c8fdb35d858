import { CreateApiClients1732262400000 } from './1732262400000-create-api-clients';

/** Every migration, oldest first. Listed explicitly so the app, the CLI and Jest load the same set. */
export const ALL_MIGRATIONS = [CreateApiClients1732262400000];
