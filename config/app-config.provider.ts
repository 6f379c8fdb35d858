/** Injection token for the typed, validated AppConfig (see load-config.ts). */
export const APP_CONFIG = Symbol('APP_CONFIG');
