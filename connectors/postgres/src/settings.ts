import * as v from 'valibot';

/** How the connection is protected: no TLS, TLS without checking the certificate, or TLS with the certificate and host name checked. */
export const TlsModeValues = ['disable', 'require', 'verify-full'] as const;

/** The PostgreSQL connector's settings. */
export const PostgresSettings = v.object({
  host: v.pipe(
    v.string(),
    v.minLength(1, 'host must not be empty'),
    v.title('Host'),
    v.description("The server's host name or IP address, as the agent reaches it."),
  ),
  port: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535), v.title('Port'), v.description("The server's TCP port.")), 5432),
  database: v.optional(
    v.pipe(
      v.string(),
      v.minLength(1, 'database must not be empty'),
      v.title('Database'),
      v.description('The database to connect to. Roles and database privileges are cluster-wide, so any database the user may connect to will do.'),
    ),
    'postgres',
  ),
  tls_mode: v.optional(
    v.pipe(
      v.picklist(TlsModeValues),
      v.title('TLS mode'),
      v.description(
        'verify-full checks the certificate and the host name; require encrypts without checking them; disable sends everything, the password included, in clear.',
      ),
    ),
    'verify-full',
  ),
  ca_file: v.optional(
    v.pipe(
      v.string(),
      v.minLength(1, 'ca_file must not be empty'),
      v.title('CA file'),
      v.description("With verify-full: a PEM file of the CA that signed the server's certificate. Without it the system's CAs are used."),
    ),
  ),
  entitlement_roles: v.optional(
    v.pipe(
      v.array(v.pipe(v.string(), v.minLength(1))),
      v.title('Entitlement roles'),
      v.description('The roles offered as entitlements. By default every role without LOGIN, except deactivated accounts and the predefined pg_* roles.'),
    ),
  ),
  include_predefined_roles: v.optional(
    v.pipe(
      v.boolean(),
      v.title('Include predefined roles'),
      v.description('Also offer the predefined roles (pg_monitor, pg_read_all_data, …) when entitlement_roles is not given.'),
    ),
    false,
  ),
  connect_timeout: v.optional(
    v.pipe(
      v.number(),
      v.integer(),
      v.minValue(1),
      v.maxValue(300),
      v.title('Connect timeout (seconds)'),
      v.description('How long to wait for the connection to open.'),
    ),
    15,
  ),
});

/** The parsed settings a handler receives. */
export type PostgresSettings = v.InferOutput<typeof PostgresSettings>;
