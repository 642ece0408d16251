/**
 * The router stub `routesim init` writes: plain JavaScript (an .mjs file runs on every supported
 * Node without a build, whatever the user's package.json "type"), importing `routesim` as an
 * installed package — the shape of the README's "Bring your own router".
 */
import { STARTER_ROUTER_NAME } from './starter-scenario.ts';

export function starterRouter(models: readonly string[]): string {
  return `// Your router, written by \`routesim init\`. routesim calls route() once per request; context.call()
// asks a model of the simulated world — priced, timed, rate-limited and failing like the real one.
// This one tries the models in order and the first answer wins. Make it yours: look at
// request.messages, escalate on low confidence (answer.logprobConfidence), keep a budget…
// Routers written against the official SDKs run too: \`routesim simulate --engine wire\`.
import { defineStrategy } from 'routesim';

/** @param {{ models?: string[] }} options from the scenario's \`options:\` */
export default function myRouter(options) {
  const models = options.models ?? ${JSON.stringify(models)};
  return defineStrategy({
    name: '${STARTER_ROUTER_NAME}',
    async route(request, context) {
      const failed = [];
      for (const model of models) {
        const answer = await context.call(model, { purpose: failed.length === 0 ? 'primary' : 'fallback' });
        if (answer.ok) {
          const after = failed.length === 0 ? '' : \` after \${failed.join(', ')}\`;
          return { responseId: answer.responseId, reason: \`\${model} answered\${after}\` };
        }
        failed.push(\`\${model} \${answer.kind}\`);
      }
      return { responseId: undefined, reason: \`every model failed: \${failed.join(', ')}\` };
    },
  });
}
`;
}
