// zod compiles fast parsers with `new Function` when it may, and finds out by trying once. The platform's
// Content-Security-Policy allows no eval (script-src 'self'), so that probe would be refused and reported
// as a violation. Set before any module runs (a classic script runs before the deferred app modules):
// zod reads globalThis.__zod_globalConfig when it loads and never tries.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
