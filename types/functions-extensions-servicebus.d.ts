// The preview package's published types point at its TypeScript sources, which do not compile under this
// project's strict settings. The product only imports it for its side effect (registering the Service Bus SDK
// binding on Azure) and uses its own structural type (shared/messaging/queue-trigger.ts), so this is all TypeScript
// needs to know. `paths` in tsconfig.json maps the module here; the emitted require() still loads the package.
export {};
