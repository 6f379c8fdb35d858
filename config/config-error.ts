/** A configuration value the service refuses; its message names the variable. */
export class ConfigError extends Error {}
