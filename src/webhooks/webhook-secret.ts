import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** Standard Webhooks secrets: `whsec_` + base64 of 32 random bytes (the spec allows 24..64). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * Encrypts subscription secrets at rest with AES-256-GCM. They cannot be stored hashed like
 * client secrets: the worker needs the secret itself to sign (HMAC) every delivery. A database
 * dump without WEBHOOK_SECRET_KEY does not reveal them, and the subscription's id is bound in
 * as associated data, so a ciphertext copied onto another subscription does not decrypt.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(secretKey: string) {
    // Any string of >= 32 characters (validated at load); the AES key is its SHA-256.
    this.key = createHash('sha256').update(secretKey).digest();
  }

  seal(secret: string, subscriptionId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(subscriptionId));
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), sealed.toString('base64')].join(':');
  }

  /** Throws when the key or the subscription differ from the ones it was sealed with. */
  open(stored: string, subscriptionId: string): string {
    const [version, iv, tag, sealed] = stored.split(':');
    if (version !== 'v1' || !iv || !tag || !sealed) throw new Error('unknown webhook secret format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'))
      .setAAD(Buffer.from(subscriptionId))
      .setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
  }
}
