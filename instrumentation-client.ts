import { config } from "zod";

// Runs in the browser before the app's modules (Next's instrumentation-client): zod compiles its
// object parsers with `new Function` unless told not to, and its probe for that is reported as a
// Content-Security-Policy violation (script-src has no 'unsafe-eval', and must not). Before any
// schema is built: zod decides per schema, when the schema is created.
config({ jitless: true });
