// The client's types come from the server's router, whose context uses the cookie methods that
// @fastify/cookie adds to Fastify's request and reply types. The API registers that plugin in
// server.ts, which this app never imports, so the augmentation is loaded here for the type check
// only (nothing of it runs). Importing `@fastify/cookie` for its types in apps/api/src/context.ts
// would make the client self-contained and this file unnecessary.
/// <reference types="@fastify/cookie" />
