// The workerd built-in module the Workers adapter uses, declared by hand (only what it uses),
// so the project needs no Workers type package whose globals would clash with the DOM's.
declare module 'cloudflare:workers' {
  export abstract class DurableObject<Env = unknown> {
    protected ctx: unknown;
    protected env: Env;
    constructor(ctx: unknown, env: Env);
  }
}
