import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A partner integration that exchanges its id and secret for a bearer token (RFC 6749 §4.4). */
@Entity({ name: 'api_clients' })
@Index('api_clients_company_id_idx', ['companyId'])
@Check('api_clients_role_check', `role IN ('user', 'admin', 'superadmin')`)
export class ApiClientEntity {
  @PrimaryColumn({ type: 'uuid', name: 'client_id' })
  clientId!: string;

  @Column({ type: 'uuid', name: 'company_id' })
  companyId!: string;

  @Column({ type: 'text' })
  name!: string;

  /** scrypt hash with its parameters and salt; the secret itself is never stored. */
  @Column({ type: 'text', name: 'secret_hash' })
  secretHash!: string;

  @Column({ type: 'text' })
  role!: string;

  /** Space-separated scopes granted to tokens issued to this client. */
  @Column({ type: 'text' })
  scope!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
