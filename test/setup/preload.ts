// Unit tests run in-process: a stray console call there would, in a connector, corrupt stdout.
// Make it fail loudly instead. Contract tests spawn real processes and are not affected.
for (const method of ['log', 'info', 'debug', 'warn', 'error', 'trace', 'dir', 'table'] as const) {
  (console as unknown as Record<string, unknown>)[method] = () => {
    throw new Error(`console.${method} was called in a test: connectors must log through the SDK's logger, never the console`);
  };
}
